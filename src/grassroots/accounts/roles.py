"""Staff roles: Django groups with fixed names and the permissions each one carries.

The groups are made by a data migration; their permissions are (re)synced on every
`post_migrate` from ROLE_PERMISSIONS, so a model added later (blog.Page) gets its
permissions assigned when its own migration runs. A permission that does not exist yet is
skipped, not an error. Object rules (whose post is whose) live in blog/access.py."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ADMINISTRATOR = "Administrator"
EDITOR = "Editor"
AUTHOR = "Author"
CONTRIBUTOR = "Contributor"
MODERATOR = "Moderator"
ROLES = (ADMINISTRATOR, EDITOR, AUTHOR, CONTRIBUTOR, MODERATOR)
ROLE_LABELS = {
    ADMINISTRATOR: _("Administrator"),
    EDITOR: _("Editor"),
    AUTHOR: _("Author"),
    CONTRIBUTOR: _("Contributor"),
    MODERATOR: _("Moderator"),
}
ROLE_HELP = {
    ADMINISTRATOR: _("Everything: blog identity, staff, settings, the Django admin."),
    EDITOR: _("All posts and pages, publishing, photos, comment moderation."),
    AUTHOR: _("Own posts only: write, upload photos, publish them."),
    CONTRIBUTOR: _("Own drafts only: cannot publish; submits them for review."),
    MODERATOR: _("Comments and blocklists only."),
}

_OWN_WRITING = {"blog.add_post", "blog.change_post", "blog.view_post"}
_PHOTOS = {"photos.add_photo", "photos.change_photo", "photos.view_photo"}
_TAGS = {"blog.view_tag", "blog.add_tag"}
_MODERATION = {
    "comments.moderate_comment",
    "comments.change_comment",
    "comments.view_comment",
    "comments.add_blockedterm",
    "comments.change_blockedterm",
    "comments.delete_blockedterm",
    "comments.view_blockedterm",
}
_EDITING = (
    _OWN_WRITING
    | _PHOTOS
    | _TAGS
    | _MODERATION
    | {
        "blog.delete_post",
        "blog.publish_post",
        "blog.edit_others_post",
        "blog.add_page",
        "blog.change_page",
        "blog.delete_page",
        "blog.view_page",
        "blog.publish_page",
        "blog.change_tag",
        "blog.view_author",
        "blog.add_author",
        "blog.change_author",
        "photos.delete_photo",
        "followers.view_subscriber",  # the list of readers who follow by email
    }
)

ROLE_PERMISSIONS = {
    # Administrators also get every other permission that exists (sync_role_permissions).
    ADMINISTRATOR: _EDITING | {"accounts.manage_staff", "accounts.view_auditentry"},
    EDITOR: _EDITING,
    AUTHOR: _OWN_WRITING | _PHOTOS | _TAGS | {"blog.publish_post"},
    CONTRIBUTOR: _OWN_WRITING | _PHOTOS | _TAGS,
    MODERATOR: _MODERATION,
}


def user_roles(user):
    """The set of role names this person holds; a superuser counts as an Administrator."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cached = getattr(user, "_grassroots_roles", None)
    if cached is None:
        cached = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            cached.add(ADMINISTRATOR)
        user._grassroots_roles = cached
    return set(cached)


def user_has_role(user, *roles):
    return bool(user_roles(user) & set(roles))


def role_label(role):
    return str(ROLE_LABELS.get(role, role))


def _clean_roles(roles):
    roles = list(dict.fromkeys(roles))
    unknown = [role for role in roles if role not in ROLES]
    if unknown:
        raise ValidationError(
            gettext("Unknown role: %(roles)s. Choose from: %(choices)s.")
            % {"roles": ", ".join(unknown), "choices": ", ".join(ROLES)}
        )
    return roles


@transaction.atomic
def role_assign(*, user, roles, actor):
    """Give `user` exactly these roles (by name). Anyone with a role is staff."""
    from grassroots.accounts.audit import audit_record

    roles = _clean_roles(roles)
    before = sorted(user_roles(user) - ({ADMINISTRATOR} if user.is_superuser else set()))
    user.groups.remove(*Group.objects.filter(name__in=ROLES))
    user.groups.add(*[Group.objects.get_or_create(name=role)[0] for role in roles])
    if roles and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user._grassroots_roles = None
    for cache_name in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        user.__dict__.pop(cache_name, None)
    if sorted(roles) != before:
        audit_record(
            actor=actor,
            action="staff.roles",
            target=user,
            detail=f"{', '.join(before) or '-'} -> {', '.join(sorted(roles)) or '-'}",
        )
    return user


def role_add(*, user, role, actor):
    return role_assign(user=user, roles=[*user_roles(user), role], actor=actor)


def role_remove(*, user, role, actor):
    return role_assign(user=user, roles=[r for r in user_roles(user) if r != role], actor=actor)


def _permissions_by_name(using):
    found = {}
    for perm in Permission.objects.using(using).select_related("content_type"):
        found[f"{perm.content_type.app_label}.{perm.codename}"] = perm
    return found


def sync_role_permissions(*, using="default"):
    """Make each role's group hold exactly its permissions (plus everything for
    Administrators). Missing permissions (a model not migrated yet) are skipped."""
    available = _permissions_by_name(using)
    for role in ROLES:
        group, _created = Group.objects.using(using).get_or_create(name=role)
        if role == ADMINISTRATOR:
            wanted = list(available.values())
        else:
            wanted = [available[name] for name in ROLE_PERMISSIONS[role] if name in available]
        group.permissions.set(wanted)


def on_post_migrate(sender, *, app_config=None, using="default", apps=None, **kwargs):
    """Runs after each app's migrations; auth's own handler may not have made this app's
    permissions yet (receivers run in app order), so make them first."""
    from django.contrib.auth.management import create_permissions

    if apps is not None:
        create_permissions(app_config or sender, verbosity=0, using=using, apps=apps)
    sync_role_permissions(using=using)
