"""Staff people with the permissions of the roles (accounts issue), made through Django's own
user and permission models."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from grassroots.comments import services
from tests.comments.conftest import token_for

MODERATOR = ["comments.moderate_comment", "comments.change_comment", "comments.change_blockedterm"]
AUTHOR = ["photos.add_photo", "photos.change_photo", "photos.view_photo"]
EDITOR = [*MODERATOR, *AUTHOR, "photos.delete_photo"]


def make_staff(username, perms=(), *, email=""):
    user = get_user_model().objects.create_user(
        username, email=email, password="a long test password", is_staff=True
    )
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return get_user_model().objects.get(pk=user.pk)  # fresh: no stale permission cache


def make_pending(post, count=1, *, start=0):
    """Comments a first-time commenter sent: held for moderation."""
    return [
        services.comment_submit(
            post=post,
            name=f"Reader {n}",
            email=f"reader{n}@example.org",
            body=f"Comment number {n} about the park.",
            token=token_for(post),
        ).comment
        for n in range(start, start + count)
    ]
