"""Pass 2 of a WordPress import: posts and pages with their tags and comments."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.blog import services as blog
from grassroots.blog.models import Page, Post
from grassroots.core.text import ascii_slug, publish_problems
from grassroots.transfer.reading import markdown, records, wxr
from grassroots.transfer.reading.pages import page_save
from grassroots.transfer.reading.redirects import normalise, normalise_url
from grassroots.transfer.reading.report import IMPORTED, UNCHANGED, UPDATED
from grassroots.transfer.reading.wordpress import CONTENT_TYPES, SKIPPED_TYPES
from grassroots.transfer.reading.wp_comments import Comments
from grassroots.transfer.reading.wp_content import Resolver

EXCERPT_MAX = 1000


class Posts:
    def __init__(self, run):
        self.run, self.report = run, run.report
        self.resolver = Resolver(run)
        self.comments = Comments(run)
        self._items = {}

    def item_for(self, wp_id):
        if wp_id not in self._items:
            self._items[wp_id] = records.find(self.run.source, "post", wp_id) or records.find(
                self.run.source, "page", wp_id
            )
        return self._items[wp_id]

    def item(self, item):
        if item.type == "attachment":
            return
        if item.type not in CONTENT_TYPES:
            reason = SKIPPED_TYPES.get(item.type, _("this content type is not imported"))
            self.report.skip(item.type, reason)
            return
        if item.status == "trash":
            self.report.skip(item.type, _("in the trash"))
            self.comments.skip_all(item, _("its post was not imported"))
            return
        if item.status in {"auto-draft", "inherit"}:
            self.report.skip(item.type, _("an unsaved automatic draft"))
            return
        existing = records.find(self.run.source, item.type, item.id)
        post = records.target(existing)
        if item.type == "page" and post is not None and not isinstance(post, Page):
            # An earlier version kept pages as draft posts: that post stays, a Page is made.
            existing, post = None, None
        if existing is not None and post is None:
            self.report.skip(item.type, _("deleted here after an earlier import"))
            self.comments.skip_all(item, _("its post was deleted here"))
            return
        counted = self._counted()
        fields, notes = self._fields(item)
        digest = records.digest(fields, sorted(t for _d, t, _n in item.terms))
        if self.run.dry_run:
            # Authors and terms are counted as a real run would count them.
            self.run.people.author(item.creator)
            self.run.people.tags_for(item.terms)
            self.report.count(item.type, IMPORTED if post is None else UNCHANGED)
            if post is not None:
                self._uncount(counted)
            for note in notes if post is None else ():
                self.report.count(item.type, note)
            if item.type == "page":
                self.comments.skip_all(item, _("pages have no comments here"))
            else:
                self.comments.dry(item)
            return
        try:
            with transaction.atomic():
                post, outcome = self._save(item, existing, post, fields, digest)
                found = records.find(self.run.source, item.type, item.id)
                self._addresses(found, item, post)
                if item.type == "page":
                    self.comments.skip_all(item, _("pages have no comments here"))
                else:
                    self.comments.store(item, post)
        except ValidationError as error:
            self.report.skip(item.type, _("refused by the blog's checks"))
            self.report.note(f"{wxr.plain(item.title)[:80]}: " + " ".join(error.messages)[:300])
            return
        self._items[item.id] = found
        self.report.count(item.type, outcome)
        if outcome == UNCHANGED:
            self._uncount(counted)
        else:
            for note in notes:
                self.report.count(item.type, note)

    def _counted(self):
        """What converting a post adds to the report; an unchanged post adds nothing."""
        return (
            self.report.rewritten_links,
            self.report.unknown_shortcodes.copy(),
            self.run.dropped_blocks.copy(),
        )

    def _uncount(self, counted):
        links, shortcodes, blocks = counted
        self.report.rewritten_links = links
        self.report.unknown_shortcodes.clear()
        self.report.unknown_shortcodes.update(shortcodes)
        self.run.dropped_blocks.clear()
        self.run.dropped_blocks.update(blocks)

    # fields ---------------------------------------------------------------------------
    def _fields(self, item):
        notes = []
        attached = [wp for _order, wp in sorted(self.run.attached.get(item.id, []))]
        self.resolver.current, self.resolver.shown = item.id, []
        body = markdown.to_markdown(
            item.content,
            resolver=self.resolver,
            unknown_shortcodes=self.report.unknown_shortcodes,
            dropped_blocks=self.run.dropped_blocks,
            attached=attached,
        )
        teaser, _rest = markdown.shortcodes.split_more(item.content or "")
        teaser = markdown.shortcodes.SHORTCODE.sub("", teaser or "")
        excerpt = markdown.to_plain_text(item.excerpt) or markdown.to_plain_text(teaser)
        excerpt = " ".join(excerpt.split())
        when = wxr.moment(item.date, item.date_gmt, offset=self.run.offset)
        status, published_at = Post.Status.DRAFT, None
        if item.status in {"publish", "future"} and when is not None:
            status, published_at = Post.Status.PUBLISHED, when
        elif item.status == "private":
            notes.append(_("as draft: was private"))
        elif item.status == "pending":
            notes.append(_("as draft: was pending review"))
        if item.password.strip() and status == Post.Status.PUBLISHED:
            status, published_at = Post.Status.DRAFT, None
            notes.append(_("as draft: was password-protected"))
        cover = self.resolver.cover(item.meta.get("_thumbnail_id"))
        if status == Post.Status.PUBLISHED and self._problems(body):
            status, published_at = Post.Status.DRAFT, None
            notes.append(_("as draft: a photo in it needs alt text before it can be published"))
            self.report.note(
                _(
                    "Some published posts are drafts here because a photo in them has no "
                    "alt text: add it in the photo library, then publish them."
                )
            )
        if item.sticky:
            notes.append(_("was sticky (Grassroots has no sticky posts)"))
        fields = {
            "title": (wxr.plain(item.title) or _("(untitled)"))[:300],
            "body": body,
            "excerpt": excerpt[:EXCERPT_MAX],
            "status": status,
            "published_at": published_at,
            "comments_open": item.comment_status == "open",
            "cover": cover,
        }
        return fields, notes

    def _problems(self, body):
        if self.run.dry_run:  # its photos are not stored: their alt text is known here
            return [photo for photo in self.resolver.shown if not photo.alt_text.strip()]
        return publish_problems(body)

    def _slug(self, item, post):
        slug = ascii_slug(self.run.slug_of(item))
        if not slug:
            return None
        taken = Post.objects.filter(slug=slug).exclude(pk=getattr(post, "pk", None)).exists()
        return blog.unique_slug(Post, slug, exclude_pk=getattr(post, "pk", None)) if taken else slug

    def _save(self, item, existing, post, fields, digest):
        authors = [self.run.people.author(item.creator)]
        tags = self.run.people.tags_for(item.terms)
        if post is None:
            post = self._create(item, fields, authors, tags)
            records.remember(self.run.source, item.type, item.id, post, digest=digest)
            return post, IMPORTED
        if existing.digest == digest:
            return post, UNCHANGED
        if post.updated_at > existing.updated_at:
            self.report.count(item.type, _("kept: changed here since the last import"))
            return post, UNCHANGED
        if item.type == "page":
            post = page_save(
                page=post, fields=fields, wanted_slug=self.run.slug_of(item), report=self.report
            )
        else:
            post = blog.post_update(post=post, **fields, authors=authors, tags=tags)
        records.remember(self.run.source, item.type, item.id, post, digest=digest)
        return post, UPDATED

    def _create(self, item, fields, authors, tags):
        if item.type == "page":
            wanted = self.run.slug_of(item)
            return page_save(page=None, fields=fields, wanted_slug=wanted, report=self.report)
        fields = {**fields, "slug": self._slug(item, None), "authors": authors, "tags": tags}
        return blog.post_create(**fields)

    def _addresses(self, found, item, post):
        prefix = self.run.prefix
        key = "page_id" if item.type == "page" else "p"
        # A draft's link is only its date (no slug yet): it would name a day, not the post.
        link = item.link if (item.name or "?" in item.link) else ""
        addresses = {
            normalise_url(link) if link else "",
            normalise(prefix or "/", f"{key}={item.id}"),
            normalise(prefix or "/", f"p={item.id}"),
        }
        if item.guid and self.run.is_old(item.guid):
            addresses.add(normalise_url(item.guid))
        local = self.run.local_date(wxr.moment(item.date, item.date_gmt, offset=self.run.offset))
        name = self.run.slug_of(item)
        if local and name and item.type == "post":
            day = f"{local.year:04d}/{local.month:02d}/{local.day:02d}"
            addresses.add(normalise(f"{prefix}/{day}/{name}/"))
            addresses.add(normalise(f"{prefix}/{day[:7]}/{name}/"))
        for address in sorted(addresses):
            if address and address != "/":
                records.add_address(found, address)

    def finish(self):
        from grassroots.transfer.reading.relink import relink

        self.comments.finish()
        if not self.run.dry_run:
            relink(filter(None, (self.item_for(wp_id) for wp_id in sorted(self.run.to_relink))))
