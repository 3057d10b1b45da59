"""Editing a page in the studio the way a post is edited (blog/revisions.py): every save
keeps a revision, and changes to a published page wait until "Publish changes". Until
then readers, the menu and the page's address stay as they were."""

from django.db import transaction

from grassroots.accounts.audit import audit_record
from grassroots.blog.models import Page
from grassroots.blog.pages import page_create, page_update
from grassroots.blog.revisions import changes_publish, changes_settle, revision_keep, revision_lock

TEXT_FIELDS = ("title", "body")  # kept in revisions; the address and language apply at once
PUBLISHING = {"publish", "unpublish", "publish_changes", "discard_changes"}


def page_editor_values(*, page):
    """The text the editor works on: the pending changes of a public page, or the page."""
    source = page.pending or page
    return {"title": source.title, "body": source.body}


def _apply(*, owner, revision, user):
    page_update(page=owner, title=revision.title, body=revision.body)


@transaction.atomic
def page_edit(*, page, user, data, base_version=None, force=False, autosave=False):
    """Save title, body, slug and language. EditConflict when the page moved on since
    `base_version` (unless force: the other text stays a revision). An autosave replaces
    the same person's previous autosave revision, as for posts."""
    # Fresh from the database: a bound ModelForm has already written the new text onto the
    # instance it was given, and a public page must not take it before "Publish changes".
    page = Page.objects.select_related("pending").get(pk=page.pk)
    if base_version is None:
        base_version = page.version
    revision_lock(owner=page, base_version=base_version, force=force)
    text = {name: data[name] for name in TEXT_FIELDS}
    fields = {name: data[name] for name in ("slug", "language") if name in data}
    if page.is_public:  # the text waits; a new address or language applies now
        fields = {name: value for name, value in fields.items() if getattr(page, name) != value}
        if fields:
            page_update(page=page, **fields)
    else:
        page_update(page=page, **fields, **text)
    public = {name: getattr(page, name) for name in TEXT_FIELDS}
    revision_keep(owner=page, user=user, values=text, autosave=autosave, public=public)
    return page


@transaction.atomic
def page_act(*, page, user, action):
    """A publishing button; "save" needs nothing more. A pending change goes public with
    publish or unpublish, as for posts."""
    if action == "publish_changes":
        changes_publish(owner=page, user=user, apply=_apply)
    elif action == "discard_changes":
        changes_settle(owner=page)
    elif action in {"publish", "unpublish"}:
        changes_settle(owner=page, user=user, apply=_apply)
        status = Page.Status.PUBLISHED if action == "publish" else Page.Status.DRAFT
        page_update(page=page, status=status)
    if action in PUBLISHING:
        audit_record(actor=user, action=f"page.{action}", target=page)
    return page


@transaction.atomic
def page_save(*, page, user, data, action="save", base_version=None, force=False, autosave=False):
    """The studio's page form and autosave: create or save (keeping a revision), then the
    action."""
    if page is None:
        page = page_create(**data)
        text = {name: data[name] for name in TEXT_FIELDS}
        revision_keep(owner=page, user=user, values=text, autosave=autosave)
    else:
        page = page_edit(
            page=page,
            user=user,
            data=data,
            base_version=base_version,
            force=force,
            autosave=autosave,
        )
    return page_act(page=page, user=user, action=action)


@transaction.atomic
def page_restore_revision(*, page, revision, user):
    """An older text back as a new save (a public page gets it as pending changes)."""
    data = revision.values()
    return page_edit(page=page, user=user, data=data)
