"""Mail about review: to Editors when a draft is submitted, to its authors when returned.
Each person gets it in the blog's language; a failing mail server is logged, nothing else."""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from grassroots.blog.models import Post
from grassroots.blog.selectors import blog_identity

log = logging.getLogger(__name__)
BACKEND = "django.contrib.auth.backends.ModelBackend"


def editors():
    """People who can publish others' posts; the superusers only when there is no Editor."""
    users = get_user_model().objects.with_perm(
        "blog.edit_others_post", include_superusers=False, backend=BACKEND
    )
    found = [user for user in users if user.email]
    if not found:
        found = list(get_user_model().objects.filter(is_superuser=True, is_active=True))
    return [user for user in found if user.email]


def _recipients(kind, post):
    if kind == "submitted":
        return editors()
    return [a.user for a in post.authors.select_related("user") if a.user and a.user.email]


def send(kind, post_id):
    post = Post.objects.filter(pk=post_id).first()
    if post is None:
        return 0
    blog = blog_identity()
    link = settings.SITE_URL.rstrip("/") + reverse("studio:post_edit", args=[post.pk])
    sent = 0
    with translation.override(blog.language):
        context = {"post": post, "blog": blog, "link": link}
        subject = render_to_string(f"blog/mail/review_{kind}_subject.txt", context).strip()
        body = render_to_string(f"blog/mail/review_{kind}.txt", context)
        for user in _recipients(kind, post):
            try:
                send_mail(subject, body, None, [user.email])
                sent += 1
            except OSError as error:
                log.warning("review mail not sent (%s)", type(error).__name__)
    return sent
