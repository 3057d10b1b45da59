"""Reads of the blog identity, cached because every public page shows it."""

from django.core.cache import cache

from grassroots.blog.models import Blog

IDENTITY_KEY = "blog:identity"


def blog_identity():
    """The one Blog row, or an unsaved default before the site is set up."""
    blog = cache.get(IDENTITY_KEY)
    if blog is None:
        blog = Blog.objects.order_by("pk").first() or Blog(
            organisation_name="", title="Grassroots", tagline=""
        )
        cache.set(IDENTITY_KEY, blog, timeout=None)
    return blog


def blog_identity_forget():
    cache.delete(IDENTITY_KEY)
