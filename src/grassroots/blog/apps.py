from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "grassroots.blog"
    label = "blog"
    verbose_name = "Blog"

    def ready(self):
        from grassroots.blog import cachetags, galleries, photo_usage, signals  # noqa: F401
        from grassroots.blog.selectors import seconds_until_next_scheduled
        from grassroots.core import pagecache, server

        cachetags.register()
        galleries.connect()
        photo_usage.connect()
        # A scheduled post turns public with no write to the database: cached pages must
        # expire by then.
        pagecache.register_expiry_hint(seconds_until_next_scheduled)
        # The pages most readers open first: `grassroots run` renders them before forking.
        server.register_warm_up(warm_up_paths)


def warm_up_paths():
    from grassroots.blog.models import Post

    latest = Post.objects.public().order_by("-published_at").first()
    return ["/", "/posts/", "/feed/"] + ([latest.get_absolute_url()] if latest else [])
