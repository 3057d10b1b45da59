from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "grassroots.comments"
    label = "comments"

    def ready(self):
        from grassroots.comments.guard import refresh_tokens
        from grassroots.core import pagecache

        # A cached post page would hand every reader the same form time token, and the
        # "sent faster than a person types" rule would measure the page's age instead.
        pagecache.register_refresher(refresh_tokens)
