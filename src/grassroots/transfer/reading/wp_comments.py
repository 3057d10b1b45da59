"""The comments of one WordPress post, threaded, stored with the post in its transaction."""

from django.utils.translation import gettext as _

from grassroots.comments.models import Comment
from grassroots.transfer.reading import comments, records, wxr
from grassroots.transfer.reading.report import UNCHANGED

STATUSES = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "": Comment.Status.PENDING,  # no status in the file: held, never shown unseen
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
}
KIND = "comment"


class Comments:
    def __init__(self, run):
        self.run, self.report = run, run.report

    def _wanted(self, comment):
        if comment.type in {"pingback", "trackback"}:
            self.report.skip(KIND, _("pingbacks and trackbacks are not imported"))
            return False
        if comment.approved not in STATUSES:
            self.report.skip(KIND, _("in the trash"))
            return False
        return True

    def skip_all(self, item, reason):
        for _comment in item.comments:
            self.report.skip(KIND, reason)

    def dry(self, item):
        for comment in item.comments:
            if self._wanted(comment):
                if records.find(self.run.source, KIND, comment.id):
                    self.report.count(KIND, UNCHANGED)
                else:
                    comments.count_imported(self.report, KIND, STATUSES[comment.approved])

    def store(self, item, post):
        by_id = {c.id: c for c in item.comments}
        done = {}

        def place(comment, trail=()):
            if comment.id in done:
                return done[comment.id]
            done[comment.id] = None
            known = records.target(records.find(self.run.source, KIND, comment.id))
            if known is not None:
                self.report.count(KIND, UNCHANGED)
                done[comment.id] = known
                return known
            parent = None
            if comment.parent not in {"", "0"} and comment.parent not in trail:
                upper = by_id.get(comment.parent)
                if upper is not None and self._wanted_quietly(upper):
                    parent = place(upper, (*trail, comment.id))
                else:
                    parent = records.target(records.find(self.run.source, KIND, comment.parent))
            done[comment.id] = comments.store(
                run=self.run,
                kind=KIND,
                source_id=comment.id,
                post=post,
                parent=parent if getattr(parent, "post_id", None) == post.pk else None,
                name=wxr.plain(comment.author),
                email=comment.email,
                website=comment.url,
                html=comment.content,
                created_at=wxr.moment(comment.date, comment.date_gmt, offset=self.run.offset),
                status=STATUSES[comment.approved],
            )
            return done[comment.id]

        for comment in sorted(item.comments, key=lambda c: int(c.id) if c.id.isdigit() else 0):
            if self._wanted(comment):
                place(comment)

    def _wanted_quietly(self, comment):
        return comment.type not in {"pingback", "trackback"} and comment.approved in STATUSES

    def finish(self):
        pass
