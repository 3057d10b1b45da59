"""The audit trail: who did what and when. Every app calls audit_record from its services
when a person (the actor) is known. Entries never hold a commenter's email or any IP."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.accounts.models import AuditEntry

# Known action codes with their labels for the audit page; other apps may record codes of
# their own ("<area>.<verb>"), which the page shows as they are.
ACTIONS = {
    "login": _("Signed in"),
    "login.failed_factor": _("Wrong second-factor code"),
    "logout": _("Signed out"),
    "logout.everywhere": _("Signed out everywhere"),
    "password.reset": _("Password reset by mailed link"),
    "password.change": _("Password changed"),
    "staff.invite": _("Invited a person"),
    "staff.join": _("Accepted an invitation"),
    "staff.roles": _("Roles changed"),
    "staff.deactivate": _("Deactivated a person"),
    "staff.reactivate": _("Reactivated a person"),
    "2fa.add": _("Second factor added"),
    "2fa.remove": _("Second factor removed"),
    "2fa.recovery_codes": _("New recovery codes"),
    "2fa.recovery_used": _("Signed in with a recovery code"),
    "post.publish": _("Published a post"),
    "post.schedule": _("Scheduled a post"),
    "post.unpublish": _("Unpublished a post"),
    "post.delete": _("Deleted a post"),
    "post.publish_changes": _("Published changes to a post"),
    "post.discard_changes": _("Discarded changes to a post"),
    "post.submit": _("Submitted a post for review"),
    "post.return": _("Returned a post to its writer"),
    "post.translate": _("Started a translation of a post"),
    "page.publish": _("Published a page"),
    "page.unpublish": _("Unpublished a page"),
    "page.publish_changes": _("Published changes to a page"),
    "page.discard_changes": _("Discarded changes to a page"),
    "page.delete": _("Deleted a page"),
    "page.translate": _("Started a translation of a page"),
    "photo.upload": _("Uploaded a photo"),
    "photo.blur": _("Blurred parts of a photo"),
    "photo.replace": _("Replaced a photo's picture"),
    "photo.delete": _("Deleted a photo"),
    "comment.approve": _("Approved comments"),
    "comment.spam": _("Marked comments as spam"),
    "comment.trash": _("Moved comments to the trash"),
    "comment.edit": _("Edited a comment"),
    "comment.reply": _("Replied as the blog"),
    "comment.show_email": _("Looked at a commenter's email"),
    "comment.delete": _("Deleted comments"),
    "comment.erase": _("Erased a commenter's data"),
    "blocklist.add": _("Added to the blocklist"),
    "blocklist.change": _("Changed the blocklist"),
    "blocklist.delete": _("Removed from the blocklist"),
    "transfer.import": _("Imported content"),
}


def action_label(code):
    return str(ACTIONS.get(code, code))


def _actor(actor):
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor


def audit_record(*, actor, action, target=None, detail="", label=None):
    """Add one entry. `target` is a model instance (or None); `label` overrides its str()
    (the comments app passes "#<id>" so no commenter's name lands here)."""
    actor = _actor(actor)
    entry = AuditEntry(
        actor=actor,
        actor_name=(actor.get_username() if actor else "")[:150],
        action=action[:64],
        detail=str(detail)[:4000],
    )
    if target is not None:
        meta = target._meta
        entry.target_type = f"{meta.app_label}.{meta.model_name}"
        entry.target_id = str(target.pk or "")[:64]
        entry.target_label = str(label if label is not None else target)[:300]
    elif label:
        entry.target_label = str(label)[:300]
    entry.save()
    return entry


def audit_purge(*, now=None):
    """Delete entries older than GRASSROOTS_AUDIT_DAYS; returns how many went."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.GRASSROOTS_AUDIT_DAYS)
    deleted, _counts = AuditEntry.objects.filter(at__lt=cutoff).delete()
    return deleted
