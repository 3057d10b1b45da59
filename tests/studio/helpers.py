"""Studio test helpers: held comments, and a person with chosen permissions only (for
rules finer than the roles of accounts/roles.py; roles come from tests/factories.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from grassroots.comments import services
from tests.comments.conftest import token_for


def make_with_perms(username, perms):
    user = get_user_model().objects.create_user(username, is_staff=True)
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
