"""What the editor page shows besides the form: the checks that block publishing, word count
and reading time, the photos in the text and the library to pick from."""

import re

from django.utils.translation import gettext as _

from grassroots.blog.models import WORDS_PER_MINUTE, Post
from grassroots.core.text import plain_text, publish_problems
from grassroots.photos.models import Photo

PHOTO_REFERENCE = re.compile(r"photo:(\d+)")
LIBRARY_SIZE = 24


def checks(*, title, body, cover=None):
    """Why this text could not be published as it stands (shown before anyone presses)."""
    problems = [] if title.strip() else [_("The post needs a title.")]
    problems += [str(problem) for problem in publish_problems(body)]
    if cover is not None and not (cover.alt_text or "").strip():
        problems.append(_("The cover photo needs alt text."))
    return problems


def counts(body):
    words = len(plain_text(body).split())
    return {"words": words, "minutes": max(1, round(words / WORDS_PER_MINUTE))}


def photos_in(body):
    ids = list(dict.fromkeys(int(pk) for pk in PHOTO_REFERENCE.findall(body or "")))
    found = Photo.objects.in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def editor_context(request, post, form, *, conflict=None):
    value = form["body"].value() or ""
    title = form["title"].value() or ""
    cover = form.cleaned_data.get("cover") if form.is_bound and form.is_valid() else None
    if not form.is_bound and post is not None:
        cover = post.pending.cover if post.pending else post.cover
    user = request.user
    return {
        "post": post,
        "form": form,
        "conflict": conflict,
        "checks": checks(title=title, body=value, cover=cover),
        "counts": counts(value),
        "photos": photos_in(value),
        "library": Photo.objects.only(
            "alt_text", "caption", "renditions", "image", "width", "height"
        )[:LIBRARY_SIZE],
        "can_publish": user.has_perm("blog.publish_post"),
        "can_return": user.has_perm("blog.publish_post") and user.has_perm("blog.edit_others_post"),
        "is_public": bool(post and post.is_public),
        "is_scheduled": bool(post and post.state == "scheduled"),
        "pending": bool(post and post.pending_id),
        "statuses": Post.Status,
    }
