"""Reads of comments for pages, feeds and moderation, each with a fixed number of queries."""

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from grassroots.blog.models import Post
from grassroots.blog.selectors import blog_identity
from grassroots.comments.models import BlockedTerm, Comment


def comments_closed(post, *, now=None):
    """Closed per post, or automatically N days after publishing (the blog's setting)."""
    if not post.comments_open:
        return True
    days = blog_identity().comments_close_after_days
    if days and post.published_at:
        return (now or timezone.now()) > post.published_at + timedelta(days=days)
    return False


def post_for_comments(post_id):
    """A public post by id, or None (drafts, scheduled and missing posts take no comments).
    Its text is left in the database: every comment POST asks for the post, none shows it."""
    return (
        Post.objects.public()
        .defer("body", "body_html", "body_text", "review_note")
        .filter(pk=post_id)
        .first()
    )


def thread(comments):
    """Oldest first, each reply right after its parent: a list of (comment, depth).
    Replies whose parent is not shown are shown as new threads."""
    by_parent = {}
    shown = {c.pk for c in comments}
    for comment in comments:
        parent = comment.parent_id if comment.parent_id in shown else None
        by_parent.setdefault(parent, []).append(comment)
    ordered = []

    def walk(parent, depth):
        for comment in by_parent.get(parent, []):
            comment.thread_depth = depth
            ordered.append(comment)
            walk(comment.pk, depth + 1)

    walk(None, 0)
    return ordered


def comment_list_public(post):
    """Approved comments of a post, threaded: one query whatever their number."""
    rows = Comment.objects.filter(post=post, status=Comment.Status.APPROVED).order_by(
        "created_at", "pk"
    )
    return thread(list(rows.defer("email", "network", "fingerprint", "edit_token_hash")))


def comment_list_own(post, ids):
    """The browser's own comments on this post still waiting for a decision."""
    if not ids:
        return []
    return list(
        Comment.objects.filter(post=post, pk__in=ids, status=Comment.Status.PENDING).order_by(
            "created_at", "pk"
        )
    )


def comment_list_recent(*, post=None, limit=50):
    rows = Comment.objects.filter(
        status=Comment.Status.APPROVED, post__in=Post.objects.public().values("pk")
    )
    if post is not None:
        rows = rows.filter(post=post)
    return list(rows.select_related("post").order_by("-created_at", "-pk")[:limit])


def comment_list_queue(*, limit=100):
    return list(
        Comment.objects.filter(status=Comment.Status.PENDING)
        .select_related("post")
        .order_by("-created_at", "-pk")[:limit]
    )


# The studio's moderation pages. Never the email, the network hash or the fingerprint:
# moderators decide on what was written (a moderator may ask for the email on purpose).
HIDDEN_FIELDS = ("email", "network", "fingerprint", "edit_token_hash", "form_nonce")
POST_FIELDS_SKIPPED = ("post__body", "post__body_html", "post__body_text", "post__excerpt")


def comment_list_for_moderation(*, status=Comment.Status.PENDING):
    """Comments with one status, newest first, each with its post: one query per page."""
    return (
        Comment.objects.filter(status=status)
        .select_related("post")
        .defer(*HIDDEN_FIELDS, *POST_FIELDS_SKIPPED)
        .order_by("-created_at", "-pk")
    )


def comment_counts_by_status():
    """{status: number} for the queue's tabs, in one query."""
    rows = Comment.objects.order_by().values("status").annotate(n=Count("pk"))
    return dict.fromkeys(Comment.Status.values, 0) | {r["status"]: r["n"] for r in rows}


def comment_get_for_moderation(*, pk):
    """One comment with its post and the comment it answers, or None."""
    return (
        Comment.objects.select_related("post", "parent")
        .defer(*HIDDEN_FIELDS, *POST_FIELDS_SKIPPED, *(f"parent__{f}" for f in HIDDEN_FIELDS))
        .filter(pk=pk)
        .first()
    )


def blocklist_list():
    return list(BlockedTerm.objects.order_by("kind", "value"))
