"""TEMPORARY STAND-IN (h-studio): the accounts engineer's blog/access.py replaces this file
on merge; take theirs. Same names and keyword arguments as the agreed contract."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from grassroots.blog.models import Post


def _sees_all(user):
    return user.has_perm("blog.edit_others_post")


def post_list_for_user(*, user):
    if not user.has_perm("blog.view_post"):
        return Post.objects.none()
    posts = Post.objects.all()
    return posts if _sees_all(user) else posts.filter(authors__user=user).distinct()


def post_get_for_user(*, user, pk):
    post = post_list_for_user(user=user).filter(pk=pk).first()
    if post is None:
        raise Http404
    return post


def post_check_change(*, user, post, data):
    if not user.has_perm("blog.change_post"):
        raise PermissionDenied
    if post.pk and not _sees_all(user) and not post.authors.filter(user=user).exists():
        raise PermissionDenied
    if data.get("status") == Post.Status.PUBLISHED and not user.has_perm("blog.publish_post"):
        raise PermissionDenied
