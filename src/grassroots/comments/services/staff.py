"""What moderators do besides deciding: reply in the blog's name, look at a commenter's
email (on purpose, and recorded), keep the blocklist."""

import ipaddress

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from grassroots.accounts.audit import audit_record
from grassroots.blog.selectors import blog_identity
from grassroots.comments import guard, notifications
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.comments.render import body_to_html, clean_text, has_visible
from grassroots.comments.services.moderation import comment_set_status, recount_approved


def audit(actor, action, *, target, detail=""):
    """Staff actions leave a trail. Targets are named by number only: no commenter's name,
    email or network goes into the audit log (as in services/moderation.py)."""
    if actor is not None:
        audit_record(
            actor=actor, action=action, target=target, label=f"#{target.pk}", detail=detail
        )


@transaction.atomic
def comment_reply_as_blog(*, parent, body, actor=None):
    """An approved reply signed with the blog's name. Answering a held comment approves it
    first: a reply under a comment readers cannot see would make no sense."""
    body = clean_text(body).strip()
    if not has_visible(body):
        raise ValidationError({"body": _("Write a reply first.")})
    parent = Comment.objects.select_for_update().get(pk=parent.pk)
    if parent.status != Comment.Status.APPROVED:
        comment_set_status(comments=[parent], status=Comment.Status.APPROVED, actor=actor)
        parent.status = Comment.Status.APPROVED
    blog = blog_identity()
    reply = Comment(
        post_id=parent.post_id,
        parent=parent,
        depth=parent.depth + 1,
        name=(blog.title or blog.organisation_name)[:100],
        email="",
        email_key=guard.email_key(""),
        body=body,
        body_html=body_to_html(body),
        status=Comment.Status.APPROVED,
        fingerprint=guard.fingerprint(body),
    )
    reply.full_clean(exclude=["form_nonce", "email"])
    reply.save()
    recount_approved([parent.post_id])
    audit(actor, "comment.reply", target=reply, detail=f"in reply to #{parent.pk}")
    notifications.after_approve(reply)
    return reply


@transaction.atomic
def comment_email_for_moderator(*, comment, actor):
    """The email a commenter gave, for a moderator who asked to see it on purpose: every
    look is in the audit log. Empty once retention erased it."""
    audit(actor, "comment.show_email", target=comment)
    return Comment.objects.filter(pk=comment.pk).values_list("email", flat=True).first() or ""


def _clean_term(kind, value):
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError({"value": _("Write what to block.")})
    if kind == BlockedTerm.Kind.EMAIL:
        value = value.casefold()
        if value.startswith("@"):
            if "." not in value[1:] or " " in value:
                raise ValidationError({"value": _("Write a whole domain, like @example.org.")})
        else:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(
                    {"value": _("Write an email address, or a domain like @example.org.")}
                ) from None
    if kind == BlockedTerm.Kind.NETWORK and not value.startswith("hash:"):
        try:
            value = str(ipaddress.ip_network(value, strict=False))
        except ValueError:
            raise ValidationError(
                {"value": _("Write an IP address or a range like 203.0.113.0/24.")}
            ) from None
    return value


@transaction.atomic
def blocklist_add(*, kind, value, action=BlockedTerm.Action.HOLD, note="", actor=None):
    term = BlockedTerm(kind=kind, value=_clean_term(kind, value), action=action, note=note.strip())
    term.full_clean()
    term.save()
    audit(actor, "blocklist.add", target=term, detail=term.kind)
    return term


@transaction.atomic
def blocklist_remove(*, term, actor=None):
    audit(actor, "blocklist.delete", target=term, detail=term.kind)
    BlockedTerm.objects.filter(pk=term.pk).delete()
