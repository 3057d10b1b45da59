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
        # A comment changes its post's page and the lists that show its post's comment count
        # (both depend on "post:<id>"), and the comment feeds; counters and blocklists show
        # on no page.
        from grassroots.comments.models import BlockedTerm, Comment, RateCounter

        pagecache.register_tagger(Comment, lambda c: (f"post:{c.post_id}", "comments"))
        pagecache.register_tagger(RateCounter, lambda instance: ())
        pagecache.register_tagger(BlockedTerm, lambda instance: ())
