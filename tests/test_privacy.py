"""A crawl of every public page, feed and sitemap that a reader can reach, looking for anything
that identifies a commenter: their email (or its local part, or any hash of it), their IP
address or network, and the keys we keep for rate limits. None may appear anywhere."""

import hashlib
import logging
import re
from collections import deque
from urllib.parse import urldefrag, urlsplit

import pytest

from grassroots.blog.models import Blog
from grassroots.comments import guard, services
from grassroots.comments.models import Comment
from tests.comments.conftest import token_for
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

EMAIL = "Zhanna.Secret-Person@example.net"
IP = "203.0.113.77"
SEEDS = [
    "/",
    "/posts/",
    "/feed/",
    "/feed/atom/",
    "/comments/feed/",
    "/comments/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
    "/search/?q=river",
]
SKIP = ("/admin/", "/static/", "/media/")
LINK = re.compile(r"""(?:href|src|action)=["']([^"']+)["']|<(?:link|loc|id)>([^<]+)<""")


def forbidden(comment):
    lower = EMAIL.lower()
    values = {
        EMAIL,
        lower,
        EMAIL.split("@")[0],
        lower.split("@")[0],
        IP,
        "203.0.113",
        hashlib.md5(lower.encode()).hexdigest(),  # noqa: S324 (what Gravatar would use)
        hashlib.sha256(lower.encode()).hexdigest(),
    }
    values |= {value for value in (comment.network, comment.email_key) if value}
    return values


def seed_site():
    blog = make_blog(comment_policy=Blog.CommentPolicy.OPEN)
    post = make_post(title="River clean-up day", body="We cleaned the river bank.")
    make_post(title="Second river walk", body="Another walk along the river.")
    first = services.comment_submit(
        post=post,
        name="Zhanna",
        email=EMAIL,
        body="Thank you for the river day, see https://example.org/ for photos.",
        token=token_for(post),
        website="https://zhanna.example.org/",
        ip=guard.client_ip_from(IP),
        notify_replies=True,
    ).comment
    services.comment_submit(
        post=post,
        name="Zhanna",
        email=EMAIL,
        body="And a reply to myself.",
        token=token_for(post),
        parent=first,
        ip=guard.client_ip_from(IP),
    )
    services.comment_approve(comments=Comment.objects.all())
    return blog, post


def internal_links(body, base):
    for match in LINK.finditer(body):
        url = urldefrag(match.group(1) or match.group(2))[0].replace("&amp;", "&")
        parts = urlsplit(url)
        if parts.netloc and parts.netloc != "testserver":
            continue
        path = parts.path or base
        if path.startswith("/") and not path.startswith(SKIP):
            yield path + (f"?{parts.query}" if parts.query else "")


def test_no_public_page_feed_or_sitemap_reveals_a_commenter(client, caplog):
    caplog.set_level(logging.DEBUG)
    _blog, post = seed_site()
    comment = Comment.objects.filter(parent=None).get()
    secrets = forbidden(comment)
    queue, seen = deque([*SEEDS, post.get_absolute_url()]), set()
    crawled_post_page = False
    while queue and len(seen) < 400:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        content = b"".join(response) if response.streaming else response.content
        text = content.decode(errors="replace") + str(response.headers)
        leaks = [value for value in secrets if value.lower() in text.lower()]
        assert not leaks, f"{url} reveals {leaks}"
        crawled_post_page |= url == post.get_absolute_url() and "Zhanna" in text
        queue.extend(link for link in internal_links(text, url) if link not in seen)
    assert crawled_post_page, "the crawl never saw the approved comments"
    assert len(seen) > 25, sorted(seen)
    assert {"/comments/feed/", "/sitemap.xml", "/feed/"} <= seen
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert not [value for value in secrets if value.lower() in logged.lower()]
