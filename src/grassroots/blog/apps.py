from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "grassroots.blog"
    label = "blog"
    verbose_name = "Blog"

    def ready(self):
        from grassroots.blog import photo_usage, signals  # noqa: F401
        from grassroots.photos import usage

        usage.register_finder(photo_usage.photo_uses)
        usage.register_listener(photo_usage.rerender_posts_showing)

        try:
            from grassroots.core import pagecache
        except ImportError:  # the page cache is optional to the blog
            return
        from grassroots.blog.selectors import seconds_until_next_scheduled

        # A scheduled post turns public with no write to the database: cached pages must
        # expire by then.
        pagecache.register_expiry_hint(seconds_until_next_scheduled)
