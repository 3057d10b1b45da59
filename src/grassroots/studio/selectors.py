"""Reads for studio pages: each page gets what it shows from one call, with a fixed number
of queries whatever the numbers are."""

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from grassroots.blog import access
from grassroots.blog.models import Author, Post, ReviewState

RECENT = 5


def _posts(user):
    return (
        access.post_list_for_user(user=user)
        .prefetch_related(Prefetch("authors", queryset=Author.objects.only("display_name")))
        .defer("body", "body_html", "body_text")
    )


def home_for_user(*, user):
    now = timezone.now()
    own = Post.objects.filter(authors__user=user)
    counts = own.aggregate(
        drafts=Count("pk", filter=Q(status=Post.Status.DRAFT), distinct=True),
        returned=Count("pk", filter=Q(review_state=ReviewState.RETURNED), distinct=True),
    )
    visible = _posts(user)
    # The cards list a few; their counts are of all (a list cut at ten counted ten).
    waiting = visible.aggregate(
        scheduled=Count("pk", filter=Q(status=Post.Status.PUBLISHED, published_at__gt=now)),
        review=Count("pk", filter=Q(review_state=ReviewState.SUBMITTED, status=Post.Status.DRAFT)),
    )
    data = {
        "scheduled_count": waiting["scheduled"],
        "review_count": waiting["review"],
        "drafts": counts["drafts"],
        "returned": list(
            visible.filter(authors__user=user, review_state=ReviewState.RETURNED)[:RECENT]
        ),
        "own_drafts": list(
            visible.filter(authors__user=user, status=Post.Status.DRAFT).order_by("-updated_at")[
                :RECENT
            ]
        ),
        "scheduled": list(visible.scheduled(now=now).order_by("published_at")[:10]),
        "published": list(visible.public(now=now).order_by("-published_at")[:RECENT]),
        "is_editor": user.has_perm("blog.edit_others_post"),
        "moderates": user.has_perm("comments.moderate_comment"),
    }
    if data["is_editor"]:
        data["review"] = list(
            visible.filter(review_state=ReviewState.SUBMITTED, status=Post.Status.DRAFT)[:10]
        )
    if data["moderates"]:
        from grassroots.comments.models import Comment

        data["comments_waiting"] = Comment.objects.filter(status=Comment.Status.PENDING).count()
    return data


def post_list_for_user(*, user, state=""):
    posts = _posts(user).order_by("-updated_at")
    now = timezone.now()
    if state == "draft":
        posts = posts.filter(status=Post.Status.DRAFT)
    elif state == "scheduled":
        posts = posts.scheduled(now=now)
    elif state == "published":
        posts = posts.public(now=now)
    elif state == "review":
        posts = posts.filter(review_state=ReviewState.SUBMITTED, status=Post.Status.DRAFT)
    return posts
