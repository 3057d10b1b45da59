from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "grassroots.blog"
    label = "blog"
    verbose_name = "Blog"

    def ready(self):
        from grassroots.blog import signals  # noqa: F401
