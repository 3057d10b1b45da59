"""Review: a Contributor cannot publish; they submit a draft, Editors are told by mail
(after commit, through django-tasks), and an Editor publishes it or returns it with a note."""

import logging

from django.db import transaction
from django.utils import timezone

from grassroots.blog.models import Post, ReviewState

log = logging.getLogger(__name__)


def _mail_after_commit(kind, post_id):
    def enqueue():
        from grassroots.blog.tasks import send_review_mail

        try:
            send_review_mail.enqueue(kind, post_id)
        except Exception as error:  # a mail that cannot be queued never fails the request
            log.warning("review mail not queued (%s)", type(error).__name__)

    transaction.on_commit(enqueue)


@transaction.atomic
def post_submit_for_review(*, post, user):
    Post.objects.filter(pk=post.pk).update(
        review_state=ReviewState.SUBMITTED, review_note="", updated_at=timezone.now()
    )
    post.review_state, post.review_note = ReviewState.SUBMITTED, ""
    _mail_after_commit("submitted", post.pk)
    return post


@transaction.atomic
def post_return_to_author(*, post, user, note):
    note = (note or "").strip()[:5000]
    Post.objects.filter(pk=post.pk).update(
        review_state=ReviewState.RETURNED, review_note=note, updated_at=timezone.now()
    )
    post.review_state, post.review_note = ReviewState.RETURNED, note
    _mail_after_commit("returned", post.pk)
    return post


def post_list_waiting_for_review():
    return (
        Post.objects.filter(review_state=ReviewState.SUBMITTED, status=Post.Status.DRAFT)
        .prefetch_related("authors")
        .defer("body_html", "body_text")
        .order_by("updated_at")
    )
