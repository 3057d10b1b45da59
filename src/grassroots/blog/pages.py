"""Writes and reads for standalone pages and the navigation menu."""

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from grassroots.blog.models import Blog, MenuItem, Page
from grassroots.blog.search_index import WORD, fold
from grassroots.blog.selectors import blog_identity
from grassroots.blog.services import unique_slug
from grassroots.core.text import markdown_to_html, plain_text


def _store(page):
    page.body_html = markdown_to_html(page.body)
    page.body_text = plain_text(page.body)
    page.full_clean()
    page.save()
    menu_refresh()
    return page


def pages_using_photo(pk):
    # The same pattern as galleries.posts_using_photo: photo:1 must not match photo:12.
    return Page.objects.filter(body__regex=rf"photo:{pk}([^0-9]|$)")


def page_rerender(*, page):
    """Render the stored HTML again, e.g. after a photo's alt text or caption changed."""
    page.body_html = markdown_to_html(page.body)
    page.save(update_fields=["body_html", "updated_at"])
    return page


def menu_refresh():
    """Copy the menu onto the blog identity, which every public page has already."""
    menu = [{"text": item.text, "href": item.href} for item in menu_items()]
    blog = Blog.objects.order_by("pk").first()
    if blog is not None and blog.menu != menu:
        blog.menu = menu
        blog.save(update_fields=["menu", "updated_at"])


@transaction.atomic
def page_create(
    *, title, body="", slug="", status=Page.Status.DRAFT, language="", translation_of=None
):
    page = Page(
        title=title, body=body, status=status, language=language, translation_of=translation_of
    )
    page.slug = slug or unique_slug(Page, title, max_length=100)
    return _store(page)


@transaction.atomic
def page_update(*, page, **fields):
    # The studio's "someone saved in between" check is blog/revisions.py's, for posts and pages.
    for name, value in fields.items():
        setattr(page, name, value)
    if not page.slug:
        page.slug = unique_slug(Page, page.title, exclude_pk=page.pk, max_length=100)
    page.version += 1
    return _store(page)


@transaction.atomic
def page_delete(*, page):
    page.delete()
    menu_refresh()


def page_search(*, matchers, limit=10):
    """Published pages in which each of `matchers` (one per search word, from blog/search.py)
    accepts a word. Pages are few, so they are matched here, alike on both databases and
    case-blind in every script (SQLite's LIKE folds Latin letters only)."""
    if not matchers:
        return []
    default_language = blog_identity().language
    found = []
    for page in Page.objects.filter(status=Page.Status.PUBLISHED).only(
        "slug", "title", "body_text", "language"
    ):
        language = page.language or default_language
        words = set(WORD.findall(fold(f"{page.title}\n{page.body_text}".lower())))
        if all(any(matches(word, language) for word in words) for matches in matchers):
            found.append(page)
    return found[:limit]


def page_get_public(*, slug):
    return Page.objects.filter(slug=slug, status=Page.Status.PUBLISHED).first()


def page_list_public():
    return Page.objects.filter(status=Page.Status.PUBLISHED).only(
        "slug", "title", "updated_at", "status", "language", "translation_of"
    )


def page_translations(*, page):
    """The public pages in this page's translation group (itself included) in the order of
    the site's languages, or [] when it has none; one query."""
    root = page.translation_of_id or page.pk
    group = list(page_list_public().filter(Q(pk=root) | Q(translation_of_id=root)))
    if len(group) < 2:
        return []
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(group, key=lambda item: order.index(item.content_language))


def menu_items():
    """The site's menu in order, links to drafts left out: one query."""
    items = MenuItem.objects.select_related("page").only(
        "label", "url", "position", "page__slug", "page__title", "page__status"
    )
    return [item for item in items if not item.page_id or item.page.is_public]


@transaction.atomic
def menu_item_add(*, page=None, label="", url=""):
    last = MenuItem.objects.order_by("-position").values_list("position", flat=True).first()
    item = MenuItem(page=page, label=label.strip(), url=url.strip(), position=(last or 0) + 1)
    item.full_clean()
    item.save()
    menu_refresh()
    return item


@transaction.atomic
def menu_reorder(*, ids):
    """Put the menu in the order of `ids` (from dragging); ids not named keep their place
    after the named ones, unknown ids are ignored."""
    items = {item.pk: item for item in MenuItem.objects.select_for_update()}
    ordered = [items.pop(pk) for pk in ids if pk in items]
    ordered += sorted(items.values(), key=lambda item: (item.position, item.pk))
    for position, item in enumerate(ordered, start=1):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])
    menu_refresh()


@transaction.atomic
def menu_move(*, item, step):
    """Move one link up (step=-1) or down (step=1): the buttons that work without JS."""
    ids = list(MenuItem.objects.order_by("position", "pk").values_list("pk", flat=True))
    index = ids.index(item.pk)
    target = index + step
    if 0 <= target < len(ids):
        ids[index], ids[target] = ids[target], ids[index]
    menu_reorder(ids=ids)


@transaction.atomic
def menu_item_remove(*, item):
    item.delete()
    MenuItem.objects.filter(position__gt=item.position).update(position=F("position") - 1)
    menu_refresh()
