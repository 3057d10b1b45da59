"""What the editor's buttons do: save the text (always first, so nothing typed is lost),
then the action the button names, each checked against the person's role."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.accounts.audit import audit_record
from grassroots.blog import access, editing, review, translating
from grassroots.blog.models import Post
from grassroots.photos import services as photo_services
from grassroots.photos.refusals import Refused
from grassroots.studio import forms

PUBLISHING = {"publish", "schedule", "unpublish", "publish_changes", "discard_changes"}
ACTIONS = PUBLISHING | {"save", "preview", "submit", "return"}
AUDITED = {"publish_changes", "discard_changes", "submit", "return"}
# A save of a public post or page that changes nothing readers see keeps nothing pending.
NOTHING_PENDING = gettext_lazy("Nothing to publish: readers already see this text.")
# "translate:ru": save the text first (nothing typed is lost), then start the translation.
TRANSLATE = "translate:"


def known(action):
    language = action.removeprefix(TRANSLATE)
    return action in ACTIONS or (action != language and language in dict(settings.LANGUAGES))


def initial(post):
    values = editing.post_editor_values(post=post)
    day, time = forms.local_parts(post.published_at)
    return {
        **values,
        "tags": ", ".join(values["tags"]),
        "version": post.version,
        "authors": list(post.authors.all()),
        "language": post.language,
        "comments_open": post.comments_open,
        "slug": post.slug if post.published_at else "",
        "publish_date": day,
        "publish_time": time,
    }


def check_allowed(*, user, post, action, data):
    """PermissionDenied unless this person may do `action` to this post."""
    if post is None:
        if not user.has_perm("blog.add_post"):
            raise PermissionDenied
    else:
        access.post_check_change(user=user, post=post, data=data)
    if action in PUBLISHING and not user.has_perm("blog.publish_post"):
        raise PermissionDenied
    if action == "return" and not (
        user.has_perm("blog.publish_post") and user.has_perm("blog.edit_others_post")
    ):
        raise PermissionDenied
    if "authors" in data and not user.has_perm("blog.edit_others_post"):
        # Without "edit others' posts" a person keeps their own byline, or loses the post.
        own = editing.author_for_user(user=user)
        if own not in data["authors"]:
            data["authors"] = [own, *data["authors"]]


def add_uploads(form, data, post_data):
    """Photos chosen without JavaScript (uploaded, or ticked in the library): stored through
    the photo pipeline, then placed at the end of the text, where their alt text is asked."""
    from grassroots.photos.models import Photo

    blur = form.cleaned_data["blur_faces"]
    added = [
        photo_services.photo_upload(file=f, blur_faces=blur) for f in form.cleaned_data["photos"]
    ]
    picked = photo_ids(post_data.getlist("add_photo"))
    added += list(Photo.objects.filter(pk__in=picked))
    for photo in added:
        data["body"] = data["body"].rstrip() + f"\n\n![](photo:{photo.pk})\n"


def photo_ids(values):
    """Photo ids from form values, skipping anything else: str.isdigit() also takes "²",
    which int() refuses, and a 20-digit number overflows SQLite's integers."""
    return [int(v) for v in values if v.isascii() and v.isdigit() and len(v) <= 18]


def _card_ids(post_data):
    """The photos on the editor's cards: each card sends alt_<id> and caption_<id>."""
    ids = {key.split("_", 1)[1] for key in post_data if key.startswith(("alt_", "caption_"))}
    return photo_ids(ids)


def _keep_cards(post, post_data):
    """The cards stay with the post (a photo uploaded but not yet in the text too), except
    those the author removed ("remove_photo": a ticked box, or editor.js's Remove)."""
    remove = photo_ids(post_data.getlist("remove_photo"))
    editing.post_photo_cards(post=post, add=_card_ids(post_data), remove=remove)


def photo_texts(post_data):
    """alt_<id> and caption_<id> fields of the photos listed under the editor."""
    from grassroots.photos.models import Photo

    ids = _card_ids(post_data)
    for photo in Photo.objects.filter(pk__in=ids):
        fields = {}
        if f"alt_{photo.pk}" in post_data:
            fields["alt_text"] = post_data[f"alt_{photo.pk}"][:500]
        if f"caption_{photo.pk}" in post_data:
            fields["caption"] = post_data[f"caption_{photo.pk}"][:2000]
        if any((getattr(photo, k) or "") != v.strip() for k, v in fields.items()):
            photo_services.photo_update(photo=photo, **fields)


def submit(*, post, user, form, action, post_data):
    """Run one button. Returns (post, message); raises EditConflict, ValidationError
    (the text is then saved already, only the action was refused) or PermissionDenied."""
    data = form.data_for_save()
    check_allowed(user=user, post=post, action=action, data=data)
    try:
        add_uploads(form, data, post_data)
    except Refused as refused:
        raise ValidationError(refused.message) from None
    photo_texts(post_data)
    force = post_data.get("force") == "1"
    version = form.cleaned_data["version"]
    if post is None:
        post = editing.post_start(user=user)
        version = post.version
    post = editing.post_edit(post=post, user=user, base_version=version, data=data, force=force)
    _keep_cards(post, post_data)
    try:
        post, message = _act(post=post, user=user, form=form, action=action)
    except ValidationError as error:
        error.post = post  # the text is saved: the editor comes back on this post
        raise
    if action in AUDITED:  # publishing itself is recorded by blog/services.py
        audit_record(actor=user, action=f"post.{action}", target=post)
    return post, message


def _act(*, post, user, form, action):
    """Returns (the post the editor goes on with, a message)."""
    message = _("Saved.")
    if post.is_public and not post.pending_id:
        message = NOTHING_PENDING
    if action.startswith(TRANSLATE):
        language = action.removeprefix(TRANSLATE)
        draft = translating.post_translate(post=post, user=user, language=language)
        return draft, _("A draft translation was made from the saved text: translate it here.")
    if action == "publish":
        editing.post_set_status(post=post, user=user, status=Post.Status.PUBLISHED)
        message = _("Published: readers see it now.")
    elif action == "schedule":
        when = form.publish_at()
        if when is None or when <= timezone.now():
            raise ValidationError(_("Choose a date and time in the future to schedule."))
        editing.post_set_status(
            post=post, user=user, status=Post.Status.PUBLISHED, published_at=when
        )
        message = _("Scheduled.")
    elif action == "unpublish":
        editing.post_set_status(post=post, user=user, status=Post.Status.DRAFT)
        message = _("Unpublished: readers no longer see it.")
    elif action == "publish_changes":
        editing.post_publish_changes(post=post, user=user)
        message = _("Changes published.")
    elif action == "discard_changes":
        editing.post_discard_changes(post=post, user=user)
        message = _("Changes discarded: readers see the published text.")
    elif action == "submit":
        review.post_submit_for_review(post=post, user=user)
        message = _("Submitted for review. The editors have been told.")
    elif action == "return":
        review.post_return_to_author(post=post, user=user, note=form.cleaned_data["note"])
        message = _("Returned to the author with your note.")
    return post, message


def autosave(*, post, user, form, force, post_data):
    """Save without a button (editor.js): a new post is made on its first autosave."""
    data = form.data_for_save()
    check_allowed(user=user, post=post, action="save", data=data)
    version = form.cleaned_data["version"]
    if post is None:
        post = editing.post_start(user=user)
        version = post.version
    post = editing.post_edit(
        post=post, user=user, base_version=version, data=data, autosave=True, force=force
    )
    _keep_cards(post, post_data)
    return post
