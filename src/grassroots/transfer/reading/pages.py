"""The one way a WordPress page (or any imported page) is stored: as a blog Page at /<slug>/.

A published page stays published; a draft, private or pending one becomes a draft. The old
slug is kept unless the site uses that address or another page has it; then the page gets a
free one and the report names both."""

from django.utils.translation import gettext as _

from grassroots.blog import pages as blog_pages
from grassroots.blog.models import Page, Post
from grassroots.blog.models_pages import slug_taken_by_site
from grassroots.blog.services import unique_slug
from grassroots.core.text import ascii_slug


def page_slug(*, wanted, title, page, report):
    """The old slug when it is free here; otherwise a free one, with a line in the report."""
    slug = ascii_slug(wanted or "")[:100]
    exclude = getattr(page, "pk", None)
    taken = Page.objects.filter(slug=slug).exclude(pk=exclude).exists() if slug else False
    if slug and not taken and not slug_taken_by_site(slug):
        return slug
    base = slug or ascii_slug(title) or "page"
    free = unique_slug(Page, base, exclude_pk=exclude, max_length=100)
    while slug_taken_by_site(free):
        free = unique_slug(Page, f"{base}-page", exclude_pk=exclude, max_length=100)
        base = free
    if slug:
        report.note(
            _("The page “%(title)s” is at /%(new)s/: the address /%(old)s/ is taken here.")
            % {"title": title[:80], "new": free, "old": slug}
        )
    return free


def page_save(*, page, fields, wanted_slug, report):
    status = (
        Page.Status.PUBLISHED if fields["status"] == Post.Status.PUBLISHED else Page.Status.DRAFT
    )
    values = {"title": fields["title"], "body": fields["body"], "status": status}
    values["slug"] = page_slug(wanted=wanted_slug, title=values["title"], page=page, report=report)
    if page is None:
        return blog_pages.page_create(**values)
    return blog_pages.page_update(page=page, **values)
