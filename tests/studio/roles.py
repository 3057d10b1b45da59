"""Staff with the roles of the accounts contract, built from permissions (the accounts app
makes the same groups)."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from grassroots.blog.models import Post

ROLES = {
    "Editor": [
        "blog.add_post", "blog.change_post", "blog.view_post", "blog.delete_post",
        "blog.publish_post", "blog.edit_others_post", "blog.add_page", "blog.change_page",
        "blog.delete_page", "blog.view_page", "blog.publish_page", "comments.moderate_comment",
        "photos.add_photo", "photos.change_photo", "photos.view_photo",
    ],
    "Author": [
        "blog.add_post", "blog.change_post", "blog.view_post", "blog.delete_post",
        "blog.publish_post", "photos.add_photo", "photos.change_photo", "photos.view_photo",
    ],
    "Contributor": [
        "blog.add_post", "blog.change_post", "blog.view_post", "photos.add_photo",
        "photos.change_photo", "photos.view_photo",
    ],
    "Moderator": ["comments.moderate_comment"],
}  # fmt: skip


def _permission(name):
    app, codename = name.split(".")
    found = Permission.objects.filter(content_type__app_label=app, codename=codename).first()
    if found is None and app == "blog":  # publish_post, edit_others_post before accounts
        kind = ContentType.objects.get_for_model(Post)
        found = Permission.objects.create(content_type=kind, codename=codename, name=codename)
    return found


def make_staff(role, username, **fields):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(
        username, password="a long staff password 42", is_staff=True, **fields
    )
    group, _created = Group.objects.get_or_create(name=role)
    perms = [p for p in (_permission(name) for name in ROLES[role]) if p]
    group.permissions.add(*perms)
    user.groups.add(group)
    return user
