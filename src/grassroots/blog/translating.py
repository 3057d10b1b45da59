"""Starting a translation from the studio: a new draft in another language, linked to the
original, with the original's text copied in. Translators work paragraph by paragraph over
the source, and the photos, galleries and links stay where they were: the costly part of a
photo story is already done, and nothing has to be looked up in a second window."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from grassroots.accounts.audit import audit_record
from grassroots.blog import access, editing, page_editing, pages, services
from grassroots.blog.models import Page, Post

ORDER = [code for code, _name in settings.LANGUAGES]


def _group(model, item, fields):
    """The original and every translation of it (any status), in the site's language order."""
    root = item.translation_of_id or item.pk
    found = model.objects.filter(Q(pk=root) | Q(translation_of_id=root)).only(*fields)
    return sorted(found, key=lambda one: (ORDER.index(one.content_language), one.pk))


def missing_languages(group):
    """The blog's languages that no version in the group is written in yet."""
    taken = {item.content_language for item in group}
    return [(code, name) for code, name in settings.LANGUAGES if code not in taken]


def post_translation_group(*, post):
    fields = ("title", "slug", "language", "translation_of", "status", "published_at")
    return _group(Post, post, fields)


def page_translation_group(*, page):
    return _group(Page, page, ("title", "slug", "language", "translation_of", "status"))


def _check_language(group, language):
    if language not in dict(missing_languages(group)):
        raise ValidationError(_("There is a version in that language already."))


def _slug(model, title, language):
    # The language in the address keeps "park-day-ru" apart from "park-day"; a draft's
    # address follows its new title anyway once the translator retitles it.
    text = f"{title or 'untitled'} {language}"
    return services.unique_slug(model, text, max_length=100 if model is Page else 200)


@transaction.atomic
def post_translate(*, post, user, language):
    """A draft translation of `post` into `language`, bylined to the translator. Only
    someone who may change `post` may translate it; a Contributor's draft goes through
    review like any other."""
    access.post_check_change(user=user, post=post, data={})
    _check_language(post_translation_group(post=post), language)
    text = editing.post_editor_values(post=post)
    draft = services.post_create(
        actor=user,
        title=text["title"],
        body=text["body"],
        excerpt=text["excerpt"],
        cover=text["cover"],
        slug=_slug(Post, text["title"], language),
        authors=[editing.author_for_user(user=user)],
        language=language,
        translation_of=post.translation_of or post,
        comments_open=post.comments_open,
    )
    # The copied text is the translation's first revision, as for any other save.
    data = {**text, "slug": draft.slug}
    draft = editing.post_edit(post=draft, user=user, base_version=draft.version, data=data)
    audit_record(actor=user, action="post.translate", target=draft, detail=language)
    return draft


@transaction.atomic
def page_translate(*, page, user, language):
    """A draft translation of a standalone page into `language`, its text copied in."""
    if not user.has_perm("blog.add_page"):
        raise PermissionDenied
    _check_language(page_translation_group(page=page), language)
    root = page.translation_of or page
    # The text as its editor shows it: unpublished changes included, as for posts.
    text = page_editing.page_editor_values(page=page)
    draft = pages.page_create(
        title=text["title"], body=text["body"], slug=_slug(Page, text["title"], language),
        language=language, translation_of=root,
    )  # fmt: skip
    audit_record(actor=user, action="page.translate", target=draft, detail=language)
    return draft
