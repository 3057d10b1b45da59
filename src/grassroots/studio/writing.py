"""What the editor page shows besides the form: the checks that block publishing, word count
and reading time, the photos in the text and the library to pick from."""

import re

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from grassroots.blog import access, translating
from grassroots.blog.models import WORDS_PER_MINUTE, Post, PostPhoto
from grassroots.core.text import plain_text
from grassroots.photos.models import Photo

PHOTO_REFERENCE = re.compile(r"photo:(\d+)")
# Photos and galleries carry no words to count; leaving them out also spares rendering
# them, which would read each photo from the database.
PHOTOS_IN_TEXT = re.compile(r"!\[[^\]]*\]\(photo:[^)]*\)|^```gallery$.*?^```$", re.M | re.S)
LIBRARY_SIZE = 24


def checks(*, title, body, cover=None):
    """Why this text could not be published as it stands (shown before anyone presses)."""
    problems = [] if title.strip() else [_("The post needs a title.")]
    problems += photo_problems(body)
    if cover is not None and not (cover.alt_text or "").strip():
        problems.append(_("The cover photo needs alt text."))
    return problems


def photo_problems(body):
    """publish_problems' photo checks, said as the editor shows photos: its cards carry no
    numbers, so the photos without alt text are counted and their fields pointed to."""
    ids = list(dict.fromkeys(int(pk) for pk in PHOTO_REFERENCE.findall(body or "")))
    found = Photo.objects.in_bulk(ids)
    problems = [
        _("Photo %(id)s does not exist (any more).") % {"id": pk} for pk in ids if pk not in found
    ]
    undescribed = sum(1 for photo in found.values() if not photo.alt_text.strip())
    if undescribed:
        problems.append(
            ngettext(
                "%(count)s photo has no alt text: fill in “Alt text” on its card under Photos.",
                "%(count)s photos have no alt text: fill in “Alt text” on their cards"
                " under Photos.",
                undescribed,
            )
            % {"count": undescribed}
        )
    return problems


def counts(body):
    words = len(plain_text(PHOTOS_IN_TEXT.sub("", body or "")).split())
    return {"words": words, "minutes": max(1, round(words / WORDS_PER_MINUTE))}


def counts_label(numbers):
    """What the editor page shows under the text (the template's words and translations),
    for the live preview to put in the same place as the text changes."""
    words = ngettext("%(words)s word", "%(words)s words", numbers["words"]) % numbers
    minutes = ngettext(
        "about %(minutes)s minute to read", "about %(minutes)s minutes to read", numbers["minutes"]
    )
    return f"{words} · {minutes % numbers}"


def photos_in(body, *, post=None):
    """The editor's photo cards: the photos in the text, in its order, then those kept on
    the post's cards but not (or no longer) in the text, oldest upload first. One query."""
    ids = list(dict.fromkeys(int(pk) for pk in PHOTO_REFERENCE.findall(body or "")))
    wanted = Q(pk__in=ids)
    if post is not None:
        wanted |= Q(pk__in=PostPhoto.objects.filter(post=post).values("photo_id"))
    found = {photo.pk: photo for photo in Photo.objects.filter(wanted)}
    return [found[pk] for pk in ids if pk in found] + [
        found[pk] for pk in sorted(found.keys() - set(ids))
    ]


def photo_library():
    """The newest photos, to pick from under the editor's cards."""
    return Photo.objects.only(
        "title", "alt_text", "caption", "renditions", "image", "width", "height"
    )[:LIBRARY_SIZE]


def translation_panel(*, group, allowed, can_add):
    """The Translations panel of the post and page editors: each version with whether this
    person may open it (`allowed`: ids), the original, and the languages still missing."""
    for item in group:
        item.can_open = item.pk in allowed
    return {
        "versions": group if len(group) > 1 else [],
        "original": next((item for item in group if not item.translation_of_id), None),
        "missing": translating.missing_languages(group) if can_add else [],
    }


def translations(*, user, post):
    if post is None:
        return {}
    group = translating.post_translation_group(post=post)
    ids = [item.pk for item in group]
    if not user.has_perm("blog.edit_others_post"):
        ids = access.post_list_for_user(user=user).filter(pk__in=ids).values_list("pk", flat=True)
    return translation_panel(group=group, allowed=set(ids), can_add=user.has_perm("blog.add_post"))


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
        "photos": photos_in(value, post=post),
        "library": photo_library(),
        "can_publish": user.has_perm("blog.publish_post"),
        "can_return": user.has_perm("blog.publish_post") and user.has_perm("blog.edit_others_post"),
        "is_public": bool(post and post.is_public),
        "is_scheduled": bool(post and post.state == "scheduled"),
        "pending": bool(post and post.pending_id),
        "statuses": Post.Status,
        "translations": translations(user=user, post=post),
    }
