"""The one way a WordPress page (or any imported page) is stored.

Grassroots has no separate Page model yet (the studio work adds one to blog). Until it
lands, a page is kept as a *draft* post, never as a published one, and the report says so;
when Page exists, only this function changes."""

from django.utils.translation import gettext_lazy

from grassroots.blog import services as blog
from grassroots.blog.models import Post

PAGE_NOTE = gettext_lazy(
    "WordPress pages were imported as draft posts, because this version of Grassroots has "
    "no separate pages yet; publish the ones you want as posts, or wait for pages."
)


def page_save(*, post, fields, report):
    report.note(PAGE_NOTE)
    fields = {**fields, "status": Post.Status.DRAFT, "published_at": None, "cover": None}
    if post is None:
        return blog.post_create(**fields)
    return blog.post_update(post=post, **fields)
