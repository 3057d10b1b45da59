"""What the blog's pages depend on, in the page cache's tags (core/pagecache.py).

Pages record: a post page its post and "list:all" (its neighbour links change when any post
is saved); a listing each post it shows and its list ("list:all",
"list:year:2024", "list:tag:3", "list:author:5"). A change to a post invalidates the post and
every list it now belongs to; lists it left showed it, so its own tag already drops them."""

import zoneinfo

from grassroots.core import pagecache


def post(pk):
    return f"post:{pk}"


def shown(posts, *lists):
    """A listing or feed page shows these posts, from these lists."""
    pagecache.depends_on(*lists, *(post(item.pk) for item in posts))


def year_list(year):
    return f"list:year:{year}"


def post_changed(instance):
    from grassroots.blog.selectors import blog_identity

    tags = [post(instance.pk), "list:all"]
    if instance.published_at is not None:
        zone = zoneinfo.ZoneInfo(blog_identity().time_zone)
        tags.append(year_list(instance.published_at.astimezone(zone).year))
    if instance.pk is not None:
        tags += [f"list:tag:{pk}" for pk in instance.tags.values_list("pk", flat=True)]
        tags += [f"list:author:{pk}" for pk in instance.authors.values_list("pk", flat=True)]
    return tags


def register():
    from grassroots.blog.models import Post, PostSlugHistory

    pagecache.register_tagger(Post, post_changed)
    # An old address only ever answers with a redirect, which is never cached.
    pagecache.register_tagger(PostSlugHistory, lambda instance: ())
