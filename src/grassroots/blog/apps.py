from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "grassroots.blog"
    label = "blog"
    verbose_name = "Blog"

    def ready(self):
        from grassroots.blog import cachetags, galleries, photo_usage, signals  # noqa: F401
        from grassroots.blog.selectors import seconds_until_next_scheduled
        from grassroots.core import pagecache

        cachetags.register()
        galleries.connect()
        photo_usage.connect()
        # A scheduled post turns public with no write to the database: cached pages must
        # expire by then.
        pagecache.register_expiry_hint(seconds_until_next_scheduled)
