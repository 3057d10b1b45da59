"""Storing one imported comment (WordPress or Disqus) through the comments service: plain
text, an email only under the retention rules, never an IP address or a user agent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator, validate_email
from django.utils.translation import gettext as _

from grassroots.comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH, Comment
from grassroots.comments.services import comment_import
from grassroots.transfer.reading import records
from grassroots.transfer.reading.markdown import to_plain_text
from grassroots.transfer.reading.report import IMPORTED


def valid_email(value):
    value = (value or "").strip()
    try:
        validate_email(value)
    except ValidationError:
        return ""
    return value


def valid_website(value):
    value = (value or "").strip()
    if not value.lower().startswith(("http://", "https://")) or len(value) > 500:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value


def store(*, run, kind, source_id, post, parent, name, email, website, html, created_at,
          status):  # fmt: skip
    """Returns the comment, or None after counting why it was skipped."""
    body = to_plain_text(html)
    if not body.strip():
        run.report.skip(kind, _("empty"))
        return None
    if len(body) > BODY_MAX_LENGTH:
        run.report.skip(kind, _("longer than a comment may be"))
        return None
    comment = comment_import(
        post=post,
        name=(" ".join((name or "").split()) or _("Anonymous"))[:NAME_MAX_LENGTH],
        email=valid_email(email),
        body=body,
        parent=parent,
        created_at=created_at,
        website=valid_website(website),
        status=status,
    )
    records.remember(run.source, kind, source_id, comment)
    count_imported(run.report, kind, status)
    if parent is not None and comment.parent_id != parent.pk:
        run.report.count(
            kind,
            _("a reply deeper than %(n)d levels, placed under an earlier reply")
            % {"n": settings.GRASSROOTS_COMMENT_MAX_DEPTH},
        )
    return comment


def count_imported(report, kind, status):
    report.count(kind, IMPORTED)
    if status != Comment.Status.APPROVED:
        report.count(kind, _("as %(status)s") % {"status": Comment.Status(status).label.lower()})
