from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "grassroots.comments"
    label = "comments"

    def ready(self):
        from grassroots.comments.guard import email_key, refresh_tokens
        from grassroots.core import pagecache, personal

        # Other apps find what they hold about an address by the same keyed hash.
        personal.register_email_key(email_key)

        # A cached post page would hand every reader the same form time token, and the
        # "sent faster than a person types" rule would measure the page's age instead.
        pagecache.register_refresher(refresh_tokens)
