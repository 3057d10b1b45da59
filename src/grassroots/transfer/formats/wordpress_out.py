"""`grassroots export wordpress FILE.xml`: WordPress eXtended RSS 1.2, as WordPress's own
exporter writes it and its importer (wordpress-importer's WXR parsers) reads it: no DOCTYPE,
content in CDATA, authors and tags in the channel, photos as attachment items with absolute
URLs the importer can download, covers as _thumbnail_id, old slugs as _wp_old_slug.

Written as a stream, item by item. Commenters' emails only with private=True; IP addresses
never (we have none)."""

import html
import re
import zoneinfo
from datetime import UTC
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr  # nosec B406: escapes for writing

from django.conf import settings
from django.utils import timezone
from django.utils.http import http_date

from grassroots.blog.feeds import absolute_urls
from grassroots.blog.models import Author, Blog, Page, Post, Tag
from grassroots.comments.models import Comment
from grassroots.photos.models import Photo

WXR_VERSION = "1.2"
NAMESPACES = (
    'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:wp="http://wordpress.org/export/1.2/"'
)
# Characters XML 1.0 forbids even in CDATA (WordPress's exporter drops them too).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
APPROVED = {"approved": "1", "pending": "0", "spam": "spam", "trash": "trash"}
NO_DATE = "0000-00-00 00:00:00"


def cdata(text):
    text = _INVALID.sub("", text or "")
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text(value):
    return escape(_INVALID.sub("", "" if value is None else str(value)))


def detect(path):
    with open(path, "rb") as file:
        head = file.read(4096)
    return b"<rss" in head and b"wordpress.org/export/" in head


class Writer:
    def __init__(self, out, *, private):
        self.out, self.private = out, private
        blog = Blog.objects.order_by("pk").first()
        self.blog = blog
        self.zone = zoneinfo.ZoneInfo(blog.time_zone if blog else settings.TIME_ZONE)
        self.site = settings.SITE_URL.rstrip("/")
        # WordPress keeps posts, attachments and pages in one id space: photos go after the
        # posts, pages after the photos.
        self.photo_offset = Post.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        last_photo = Photo.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        self.page_offset = self.photo_offset + last_photo

    def line(self, value, indent=1):
        self.out.write("\t" * indent + value + "\n")

    def element(self, name, value, indent=2, raw=False):
        self.line(f"<{name}>{value if raw else text(value)}</{name}>", indent)

    def local(self, moment):
        return moment.astimezone(self.zone).strftime("%Y-%m-%d %H:%M:%S") if moment else NO_DATE

    def gmt(self, moment):
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if moment else NO_DATE

    def write(self):
        self.out.write('<?xml version="1.0" encoding="UTF-8" ?>\n')
        self.out.write(f'<rss version="2.0" {NAMESPACES}>\n<channel>\n')
        blog = self.blog
        self.element("title", blog.title if blog else "", 1)
        self.element("link", self.site, 1)
        self.element("description", blog.tagline if blog else "", 1)
        self.element("pubDate", http_date(timezone.now().timestamp()), 1)
        self.element("language", blog.language if blog else settings.LANGUAGE_CODE, 1)
        self.element("wp:wxr_version", WXR_VERSION, 1)
        self.element("wp:base_site_url", self.site, 1)
        self.element("wp:base_blog_url", self.site, 1)
        counts = {"authors": 0, "tags": 0, "photos": 0, "posts": 0, "pages": 0, "comments": 0}
        for author in Author.objects.order_by("pk"):
            self.author(author)
            counts["authors"] += 1
        for tag in Tag.objects.order_by("pk"):
            self.line("<wp:tag>")
            self.element("wp:term_id", tag.pk)
            self.element("wp:tag_slug", cdata(tag.slug), raw=True)
            self.element("wp:tag_name", cdata(tag.name), raw=True)
            self.line("</wp:tag>")
            counts["tags"] += 1
        self.element("generator", "Grassroots", 1)
        for photo in Photo.objects.order_by("pk"):
            self.attachment(photo)
            counts["photos"] += 1
        posts = Post.objects.order_by("pk").prefetch_related("authors", "tags", "old_slugs")
        for post in posts:
            counts["comments"] += self.post(post)
            counts["posts"] += 1
        for page in Page.objects.order_by("pk"):
            self.page(page)
            counts["pages"] += 1
        self.out.write("</channel>\n</rss>\n")
        return counts

    def author(self, author):
        # The slug is the public byline; staff logins and their emails are never exported.
        self.line("<wp:author>")
        self.element("wp:author_id", author.pk)
        self.element("wp:author_login", cdata(author.slug), raw=True)
        self.element("wp:author_email", cdata(""), raw=True)
        self.element("wp:author_display_name", cdata(author.display_name), raw=True)
        self.element("wp:author_first_name", cdata(""), raw=True)
        self.element("wp:author_last_name", cdata(""), raw=True)
        self.line("</wp:author>")

    def item_head(self, *, title, link, moment, creator, guid):
        self.line("<item>")
        self.element("title", title)
        self.element("link", link)
        self.element("pubDate", http_date(moment.timestamp()) if moment else "")
        self.element("dc:creator", cdata(creator), raw=True)
        self.line(f'<guid isPermaLink="false">{text(guid)}</guid>', 2)
        self.element("description", "")

    def meta(self, key, value):
        self.line("<wp:postmeta>", 2)
        self.element("wp:meta_key", cdata(key), 3, raw=True)
        self.element("wp:meta_value", cdata(str(value)), 3, raw=True)
        self.line("</wp:postmeta>", 2)

    def attachment(self, photo):
        # The largest rendition: readers (and WordPress's importer) never get the master.
        url = photo.rendition_url(width=photo.width)
        url = self.site + url if url.startswith("/") else url
        self.item_head(
            title=photo.caption[:80] or photo.alt_text[:80] or Path(photo.image.name).stem,
            link=url,
            moment=photo.created_at,
            creator="",
            guid=url,
        )
        self.element("content:encoded", cdata(""), raw=True)
        self.element("excerpt:encoded", cdata(photo.caption), raw=True)
        self.fields(
            pk=self.photo_offset + photo.pk,
            moment=photo.created_at,
            slug=f"photo-{photo.pk}",
            status="inherit",
            kind="attachment",
            comments_open=False,
        )
        self.element("wp:attachment_url", cdata(url), raw=True)
        self.meta("_wp_attached_file", photo.image.name)
        if photo.alt_text:
            self.meta("_wp_attachment_image_alt", photo.alt_text)
        self.line("</item>")

    def fields(self, *, pk, moment, slug, status, kind, comments_open, sticky=False):
        self.element("wp:post_id", pk)
        self.element("wp:post_date", cdata(self.local(moment)), raw=True)
        self.element(
            "wp:post_date_gmt", cdata(self.gmt(moment) if status != "draft" else NO_DATE), raw=True
        )
        self.element("wp:post_modified", cdata(self.local(moment)), raw=True)
        self.element("wp:post_modified_gmt", cdata(self.gmt(moment)), raw=True)
        self.element("wp:comment_status", cdata("open" if comments_open else "closed"), raw=True)
        self.element("wp:ping_status", cdata("closed"), raw=True)
        self.element("wp:post_name", cdata(slug), raw=True)
        self.element("wp:status", cdata(status), raw=True)
        self.element("wp:post_parent", 0)
        self.element("wp:menu_order", 0)
        self.element("wp:post_type", cdata(kind), raw=True)
        self.element("wp:post_password", cdata(""), raw=True)
        self.element("wp:is_sticky", int(sticky))

    def post(self, post):
        authors = list(post.authors.all())
        link = self.site + post.get_absolute_url()
        moment = post.published_at or post.created_at
        if post.status == Post.Status.DRAFT:
            status = "draft"
        else:
            status = "future" if post.published_at > timezone.now() else "publish"
        self.item_head(
            title=post.title,
            link=link,
            moment=post.published_at,
            creator=authors[0].slug if authors else "",
            guid=f"{self.site}/?p={post.pk}",
        )
        self.element("content:encoded", cdata(absolute_urls(post.body_html)), raw=True)
        self.element(
            "excerpt:encoded", cdata(post.excerpt if post.excerpt_written else ""), raw=True
        )
        self.fields(
            pk=post.pk,
            moment=moment,
            slug=post.slug,
            status=status,
            kind="post",
            comments_open=post.comments_open,
        )
        for tag in post.tags.all():
            nicename = quoteattr(tag.slug)
            self.line(
                f'<category domain="post_tag" nicename={nicename}>{cdata(tag.name)}</category>', 2
            )
        if post.cover_id:
            self.meta("_thumbnail_id", self.photo_offset + post.cover_id)
        for old in post.old_slugs.all():
            self.meta("_wp_old_slug", old.slug)
        comments = list(self.comments(post))
        exported = {comment.pk for comment in comments}
        for comment in comments:
            # A reply to a comment left out (held, without --with-private) starts a thread.
            self.comment(comment, parent=comment.parent_id if comment.parent_id in exported else 0)
        self.line("</item>")
        return len(comments)

    def page(self, page):
        # A page has no date of its own here: it was written when it was created.
        published = page.status == Page.Status.PUBLISHED
        self.item_head(
            title=page.title,
            link=self.site + page.get_absolute_url(),
            moment=page.created_at,
            creator="",
            guid=f"{self.site}/?page_id={self.page_offset + page.pk}",
        )
        self.element("content:encoded", cdata(absolute_urls(page.body_html)), raw=True)
        self.element("excerpt:encoded", cdata(""), raw=True)
        self.fields(
            pk=self.page_offset + page.pk,
            moment=page.created_at,
            slug=page.slug,
            status="publish" if published else "draft",
            kind="page",
            comments_open=False,
        )
        self.line("</item>")

    def comments(self, post):
        statuses = list(APPROVED) if self.private else ["approved"]
        return Comment.objects.filter(post=post, status__in=statuses).order_by("pk")

    def comment(self, comment, *, parent):
        self.line("<wp:comment>", 2)
        self.element("wp:comment_id", comment.pk, 3)
        self.element("wp:comment_author", cdata(comment.name), 3, raw=True)
        self.element(
            "wp:comment_author_email", cdata(comment.email if self.private else ""), 3, raw=True
        )
        self.element("wp:comment_author_url", text(comment.website), 3, raw=True)
        self.element("wp:comment_author_IP", cdata(""), 3, raw=True)
        self.element("wp:comment_date", cdata(self.local(comment.created_at)), 3, raw=True)
        self.element("wp:comment_date_gmt", cdata(self.gmt(comment.created_at)), 3, raw=True)
        # WordPress reads comment_content as HTML: our plain text is escaped, or a "<b>"
        # someone typed as text would become markup there.
        self.element("wp:comment_content", cdata(html.escape(comment.body, quote=False)), 3,
                     raw=True)  # fmt: skip
        self.element("wp:comment_approved", cdata(APPROVED[comment.status]), 3, raw=True)
        self.element("wp:comment_type", cdata("comment"), 3, raw=True)
        self.element("wp:comment_parent", parent, 3)
        self.element("wp:comment_user_id", 0, 3)
        self.line("</wp:comment>", 2)


def write(path, *, private=False):
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as out:
        counts = Writer(out, private=private).write()
    partial.replace(path)
    return counts
