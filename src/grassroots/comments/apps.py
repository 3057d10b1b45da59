from django.apps import AppConfig


def comment_tags(comment):
    """What a saved or deleted comment invalidates. A new comment that waits or is spam
    shows on no public page (comment_submit marks it, for its first save only), so a
    flood of held comments leaves the post's cached page alone."""
    if comment.__dict__.pop("shows_nowhere", False):
        return ()
    return (f"post:{comment.post_id}", "comments")


class CommentsConfig(AppConfig):
    name = "grassroots.comments"
    label = "comments"

    def ready(self):
        from grassroots.comments.guard import email_key, refresh_tokens
        from grassroots.core import pagecache, personal, server

        # Other apps find what they hold about an address by the same keyed hash.
        personal.register_email_key(email_key)

        # A cached post page would hand every reader the same form time token, and the
        # "sent faster than a person types" rule would measure the page's age instead.
        pagecache.register_refresher(refresh_tokens)
        # A comment changes its post's page and the lists that show its post's comment count
        # (both depend on "post:<id>"), and the comment feeds; counters and blocklists show
        # on no page.
        from grassroots.comments.models import BlockedTerm, Comment, RateCounter

        pagecache.register_tagger(Comment, comment_tags)
        pagecache.register_tagger(RateCounter, lambda instance: ())
        pagecache.register_tagger(BlockedTerm, lambda instance: ())
        # A post page with comments loads the comment templates: warmed before forking too.
        server.register_warm_up(warm_up_paths)


def warm_up_paths():
    from grassroots.blog.models import Post
    from grassroots.comments.models import Comment

    post = (
        Post.objects.public()
        .filter(comments__status=Comment.Status.APPROVED)
        .order_by("-published_at")
        .first()
    )
    return [post.get_absolute_url()] if post else []
