"""Writes and reads for standalone pages and the navigation menu."""

from django.db import transaction
from django.db.models import F, Q

from grassroots.blog.models import Blog, MenuItem, Page
from grassroots.blog.services import unique_slug
from grassroots.core.text import markdown_to_html, plain_text


class PageConflict(Exception):
    """Someone saved the page after this editor loaded it."""


def _store(page):
    page.body_html = markdown_to_html(page.body)
    page.body_text = plain_text(page.body)
    page.full_clean()
    page.save()
    menu_refresh()
    return page


def menu_refresh():
    """Copy the menu onto the blog identity, which every public page has already."""
    menu = [{"text": item.text, "href": item.href} for item in menu_items()]
    blog = Blog.objects.order_by("pk").first()
    if blog is not None and blog.menu != menu:
        blog.menu = menu
        blog.save(update_fields=["menu", "updated_at"])


@transaction.atomic
def page_create(*, title, body="", slug="", status=Page.Status.DRAFT, language=""):
    page = Page(title=title, body=body, status=status, language=language)
    page.slug = slug or unique_slug(Page, title, max_length=100)
    return _store(page)


@transaction.atomic
def page_update(*, page, base_version=None, **fields):
    if base_version is not None:
        current = Page.objects.select_for_update().values_list("version", flat=True)
        if current.get(pk=page.pk) != base_version:
            raise PageConflict
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


def page_search(terms, *, limit=10):
    """Published pages holding every term: few rows, so a plain scan is enough."""
    pages = page_list_public().only("slug", "title", "body_text")
    for term in terms:
        pages = pages.filter(Q(title__icontains=term) | Q(body_text__icontains=term))
    return list(pages[:limit])


def page_get_public(*, slug):
    return Page.objects.filter(slug=slug, status=Page.Status.PUBLISHED).first()


def page_list_public():
    return Page.objects.filter(status=Page.Status.PUBLISHED).only(
        "slug", "title", "updated_at", "status"
    )


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


@transaction.atomic
def page_save(*, page, form, user, action="save"):
    """The studio's page form: create or update; "publish" and "unpublish" set the status."""
    data = {name: form.cleaned_data[name] for name in ("title", "slug", "body", "language")}
    if action == "publish":
        data["status"] = Page.Status.PUBLISHED
    elif action == "unpublish":
        data["status"] = Page.Status.DRAFT
    if page is None:
        return page_create(**data)
    return page_update(page=page, base_version=form.cleaned_data.get("version"), **data)
