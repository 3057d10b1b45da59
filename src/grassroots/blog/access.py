"""Object rules for posts: which posts a person sees in the studio and what they may change.
Permissions come from roles (accounts/roles.py); these rules add "whose post is it". The
studio's views and the blog's services both call them, so a crafted request with another
person's post id is refused (404 or 403) even when no button leads there."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from grassroots.blog.models import Post

PUBLISH = "blog.publish_post"
EDIT_OTHERS = "blog.edit_others_post"


def _can(user, perm):
    return bool(user and user.is_active and user.has_perm(perm))


def post_list_for_user(*, user):
    """Posts this person may see in the studio: every post with edit_others_post, else the
    posts where one of the bylines is linked to them; nothing without view_post."""
    if not (_can(user, "blog.view_post") or _can(user, "blog.change_post")):
        return Post.objects.none()
    if _can(user, EDIT_OTHERS):
        return Post.objects.all()
    own = Post.objects.filter(authors__user=user).values("pk")
    return Post.objects.filter(pk__in=own)


def post_get_for_user(*, user, pk):
    """The post with this id if this person may see it; Http404 otherwise (the same answer
    as for an id that does not exist, so ids of others' posts tell nothing)."""
    try:
        return post_list_for_user(user=user).get(pk=int(pk))
    except (Post.DoesNotExist, TypeError, ValueError):
        raise Http404(_("No such post.")) from None


def post_is_own(*, user, post):
    if post.pk is None:
        return True
    return post.authors.filter(user=user).exists()


def _is_public_or_scheduled(post):
    return post.pk is not None and post.status == Post.Status.PUBLISHED


def _changes(post, data):
    changed = set()
    for name in ("status", "published_at", "slug"):
        if name in data and data[name] != getattr(post, name):
            if name == "slug" and not data[name] and post.pk is None:
                continue
            changed.add(name)
    return changed


def post_check_change(*, user, post, data):
    """Raise PermissionDenied (with a message for the person) when `user` may not make this
    change. `post` is the post as stored (or a new unsaved one); `data` holds the fields
    about to change (status, published_at, slug, authors…). A user of None is the system
    itself (commands, imports, the demo) and may do anything."""
    if user is None:
        return
    creating = post.pk is None
    if not _can(user, "blog.add_post" if creating else "blog.change_post"):
        raise PermissionDenied(_("Your role does not allow you to write posts."))
    if not creating and not _can(user, EDIT_OTHERS) and not post_is_own(user=user, post=post):
        raise PermissionDenied(_("You can only change your own posts."))
    changed = _changes(post, data)
    becomes_public = data.get("status", post.status) == Post.Status.PUBLISHED
    touches_publishing = "status" in changed or ("published_at" in changed and becomes_public)
    if touches_publishing and not _can(user, PUBLISH):
        raise PermissionDenied(
            _(
                "Your role does not allow publishing, scheduling or unpublishing. "
                "Submit the post for review instead."
            )
        )
    if changed and _is_public_or_scheduled(post) and not _can(user, PUBLISH):
        raise PermissionDenied(
            _("This post is published: only an editor can change its status, date or address.")
        )
    if "authors" in data and not _can(user, EDIT_OTHERS):
        authors = list(data["authors"] or [])
        if not any(getattr(author, "user_id", None) == user.pk for author in authors):
            raise PermissionDenied(_("Keep yourself among the authors of your post."))


def post_check_delete(*, user, post):
    if user is None:
        return
    if not _can(user, "blog.delete_post"):
        raise PermissionDenied(_("Your role does not allow deleting posts."))
    if not _can(user, EDIT_OTHERS) and not post_is_own(user=user, post=post):
        raise PermissionDenied(_("You can only change your own posts."))


def publishing_action(*, before_status, after):
    """The audit code for a change of status, or None when nothing about publishing moved."""
    was_public = before_status == Post.Status.PUBLISHED
    is_public = after.status == Post.Status.PUBLISHED
    if is_public and not was_public:
        future = after.published_at and after.published_at > timezone.now()
        return "post.schedule" if future else "post.publish"
    if was_public and not is_public:
        return "post.unpublish"
    return None


def photo_check_change(*, user, photo):
    """A photo's words and pixels show on every post that uses it, so a person may change it
    only where they may change all those posts: Editors always; others when no post of
    someone else's uses it, and (without publish_post) no public one, or the change would
    reach readers unreviewed."""
    from grassroots.blog.photo_usage import posts_using_photos

    if not _can(user, "photos.change_photo"):
        raise PermissionDenied(_("Your role does not allow changing photos."))
    if _can(user, EDIT_OTHERS):
        return
    posts = posts_using_photos(photo_ids=[photo.pk])[photo.pk]
    own = set(
        post_list_for_user(user=user)
        .filter(pk__in=[post.pk for post in posts])
        .values_list("pk", flat=True)
    )
    for post in posts:
        if post.pk not in own or (not _can(user, PUBLISH) and _is_public_or_scheduled(post)):
            raise PermissionDenied(
                _("This photo is shown on a post you may not change. Ask an editor.")
            )
