"""Revisions and pending changes, kept the same way for posts and pages (the `owner`).

Every studio save keeps a revision and names the version it started from: a stale save is
refused (EditConflict), never silently written over. On a public owner the text waits as
a pending revision that readers do not see until "Publish changes"; the caller passes
`apply`, which writes a revision's text onto its kind of owner."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


class EditConflict(Exception):
    """Someone saved after this editor loaded the text. `latest` is their revision."""

    def __init__(self, latest):
        super().__init__("edit conflict")
        self.latest = latest


def revision_latest(*, owner):
    return owner.revisions.order_by("-saved_at", "-pk").first()


def revision_lock(*, owner, base_version, force=False):
    """Lock the owner's row for this save and give it its next version (inside a
    transaction). EditConflict when someone saved since `base_version`, unless force: their
    text stays a revision either way."""
    locked = type(owner).objects.select_for_update().only("version").get(pk=owner.pk)
    if locked.version != base_version and not force:
        raise EditConflict(revision_latest(owner=owner))
    owner.version = locked.version + 1


def _same(values, public):
    """Whether readers would see a difference. Not in a textarea's line breaks, which the
    browser sends as CRLF, nor in the order of a list (tags are shown by name)."""

    def plain(value):
        if isinstance(value, list):
            return sorted(value)
        return value.replace("\r\n", "\n") if isinstance(value, str) else value

    return all(plain(values[name]) == plain(public[name]) for name in public)


def revision_keep(*, owner, user, values, autosave=False, public=None):
    """Keep `values` (the revision's FIELDS) as this save's revision; on a public owner it
    is the pending change. An autosave following the same person's autosave replaces it,
    so a long session leaves one row, not hundreds. A public owner whose `public` text (what
    readers see) equals `values` keeps none, and a change still waiting is dropped: it would
    publish nothing. Returns the revision, or None."""
    if owner.is_public and public is not None and _same(values, public):
        owner.pending = None
        type(owner).objects.filter(pk=owner.pk).update(version=owner.version, pending=None)
        return None
    model = owner.revisions.model
    latest = revision_latest(owner=owner)
    if autosave and latest and latest.autosave and latest.saved_by_id == user.pk:
        revision = latest
    else:
        revision = model(**{owner.revisions.field.name: owner})
    for name in model.FIELDS:
        setattr(revision, name, values[name])
    revision.saved_by, revision.saved_at = user, timezone.now()
    revision.autosave, revision.version = autosave, owner.version
    revision.full_clean()
    revision.save()
    if owner.is_public:
        owner.pending = revision
    type(owner).objects.filter(pk=owner.pk).update(version=owner.version, pending=owner.pending)
    return revision


def changes_settle(*, owner, user=None, apply=None):
    """End the pending state: its text published (with `apply`), or dropped (without). The
    version moves on, so an editor still open on the old state is told."""
    if owner.pending_id and apply is not None:
        apply(owner=owner, revision=owner.pending, user=user)
    owner.pending, owner.version = None, owner.version + 1
    type(owner).objects.filter(pk=owner.pk).update(pending=None, version=owner.version)
    return owner


def changes_publish(*, owner, user, apply):
    """The pending revision becomes what readers see; address, date and comments stay."""
    if owner.pending_id is None:
        raise ValidationError(_("There are no unpublished changes."))
    return changes_settle(owner=owner, user=user, apply=apply)
