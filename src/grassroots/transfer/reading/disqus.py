"""`grassroots import disqus FILE.xml`: comments from Disqus, matched to posts by address.

A thread's address is looked up among the old addresses a WordPress import recorded, then
as one of our own permalinks, then by the WordPress post id the Disqus plugin puts in the
thread's identifier ("123 https://old.example.org/?p=123")."""

from datetime import UTC, datetime
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from grassroots.blog.models import Post, PostSlugHistory
from grassroots.comments.models import Comment
from grassroots.transfer.models import ImportedItem, OldAddress, address_key
from grassroots.transfer.reading import comments, records
from grassroots.transfer.reading.redirects import normalise_url
from grassroots.transfer.reading.report import UNCHANGED
from grassroots.transfer.reading.xmlstream import records as stream
from grassroots.transfer.reading.xmlstream import text

DSQ_ID = "{http://disqus.com/disqus-internals}id"
KIND = "comment"


def _when(value):
    try:
        moment = datetime.fromisoformat((value or "").strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _child(element, name):
    for child in element:
        if child.tag.rsplit("}", 1)[-1] == name:
            return child
    return None


def _flag(element, name):
    return text(element, name).strip().lower() == "true"


class DisqusImport:
    def __init__(self, path, *, report, progress=None):
        self.path, self.report = path, report
        self.dry_run = report.dry_run
        self.progress = progress or (lambda fraction: None)
        self.source = None
        self.threads = {}  # dsq id -> post or None
        self.unmatched = []

    def run(self):
        size = self.path.stat().st_size or 1
        for _name, element in stream(
            self.path, {"thread"}, depth=1, on_progress=lambda at: self.progress(at / size / 2)
        ):
            self._thread(element)
        self.source = self.source or "disqus:unknown"
        self.report.source = self.source
        deferred = []
        for _name, element in stream(
            self.path, {"post"}, depth=1, on_progress=lambda at: self.progress(0.5 + at / size / 2)
        ):
            entry = self._entry(element)
            if entry is not None and not self._comment(entry, final=False):
                deferred.append(entry)
        while deferred:  # replies that came before their parent in the file
            waiting = [entry for entry in deferred if not self._comment(entry, final=False)]
            if len(waiting) == len(deferred):
                for entry in waiting:
                    self._comment(entry, final=True)
                break
            deferred = waiting
        if self.unmatched:
            listed = ", ".join(self.unmatched[:20])
            self.report.note(
                _("Disqus threads with no post here (comments skipped): %(list)s")
                % {"list": listed}
            )
        return self.report

    def _thread(self, element):
        if self.source is None and text(element, "forum").strip():
            self.source = "disqus:" + text(element, "forum").strip().lower()
        link, ident = text(element, "link").strip(), text(element, "id").strip()
        post = self._match(link, ident)
        self.threads[element.get(DSQ_ID, "")] = post
        if post is None and link and link not in self.unmatched:
            self.unmatched.append(link)

    def _match(self, link, ident):
        old = OldAddress.objects.filter(key=address_key(normalise_url(link))).first()
        found = records.target(old.item) if old else None
        if isinstance(found, Post):
            return found
        try:
            match = resolve(urlsplit(link).path or "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name == "post_detail":
            slug = match.kwargs["slug"]
            post = Post.objects.filter(slug=slug).first()
            history = PostSlugHistory.objects.filter(slug=slug).select_related("post").first()
            if post or history:
                return post or history.post
        number = ident.split(" ", 1)[0]
        if number.isdigit():
            item = ImportedItem.objects.filter(
                source__startswith="wordpress:", kind__in=["post", "page"], source_id=number
            ).first()
            found = records.target(item)
            if isinstance(found, Post):
                return found
        return None

    def _entry(self, element):
        thread, parent = _child(element, "thread"), _child(element, "parent")
        author = _child(element, "author")
        entry = {
            "id": element.get(DSQ_ID, ""),
            "thread": thread.get(DSQ_ID, "") if thread is not None else "",
            "parent": parent.get(DSQ_ID, "") if parent is not None else "",
            "html": text(element, "message"),
            "when": _when(text(element, "createdAt")),
            "name": text(author, "name") if author is not None else "",
            "email": text(author, "email") if author is not None else "",
            "spam": _flag(element, "isSpam"),
            "deleted": _flag(element, "isDeleted"),
            "held": text(element, "isApproved").strip().lower() == "false",
        }  # the IP address in the file is never read
        if entry["deleted"]:
            self.report.skip(KIND, _("deleted on Disqus"))
            return None
        if self.threads.get(entry["thread"]) is None:
            self.report.skip(KIND, _("no post at its thread's address"))
            return None
        return entry

    def _comment(self, entry, *, final):
        """True when the entry is done (stored, known or skipped); False to try it later."""
        if records.find(self.source, KIND, entry["id"]):
            self.report.count(KIND, UNCHANGED)
            return True
        parent = None
        if entry["parent"]:
            parent = records.target(records.find(self.source, KIND, entry["parent"]))
            if parent is None and not final:
                return False
        post = self.threads[entry["thread"]]
        status = Comment.Status.APPROVED
        if entry["spam"]:
            status = Comment.Status.SPAM
        elif entry["held"]:
            status = Comment.Status.PENDING
        if self.dry_run:
            self.report.count(KIND, "imported")
            return True
        with transaction.atomic():
            comments.store(
                run=self,
                kind=KIND,
                source_id=entry["id"],
                post=post,
                parent=parent if parent is not None and parent.post_id == post.pk else None,
                name=entry["name"],
                email=entry["email"],
                website="",
                html=entry["html"],
                created_at=entry["when"],
                status=status,
            )
        return True
