"""The approved thread's HTML is kept per post version (comments/thread.py) and every change
a reader could see drops it; what is per reader never lands in it."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grassroots.blog.models import Blog
from grassroots.comments import guard, services
from grassroots.comments.models import Comment
from grassroots.core import pagetags
from tests.comments.conftest import form_data, token_for
from tests.factories import make_blog, make_post


def submit(post, **fields):
    values = {"post": post, "name": "Lena", "email": "lena@example.org"}
    values |= {"body": "Hello there.", "token": token_for(post)} | fields
    return services.comment_submit(**values).comment


def open_blog(blog):
    blog.comment_policy = Blog.CommentPolicy.OPEN
    blog.save()


def page(client, post):
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def untokened(html):
    return re.sub(r'name="token" value="[^"]*"', "", html)


def comment_queries(client, post):
    with CaptureQueriesContext(connection) as queries:
        html = page(client, post)
    return html, [q for q in queries.captured_queries if "comments_comment" in q["sql"]]


def test_the_thread_is_rendered_once_and_then_comes_from_the_cache(client, blog, post):
    open_blog(blog)
    submit(post, body="The first comment.")
    first, queries = comment_queries(client, post)
    assert "The first comment." in first and queries
    again, queries = comment_queries(client, post)
    assert untokened(again) == untokened(first)
    assert not queries  # no comment was read: the thread's HTML came from the cache


def test_a_new_comment_an_edit_and_moderation_show_at_once(client, blog, post):
    open_blog(blog)
    first = submit(post, body="The first comment.")
    page(client, post)
    second = submit(post, email="ada@example.org", body="A second voice.")
    assert "A second voice." in page(client, post)
    services.comment_edit_by_staff(comment=first, body="Corrected by a moderator.")
    html = page(client, post)
    assert "Corrected by a moderator." in html and "The first comment." not in html
    services.comment_trash(comments=[second])
    assert "A second voice." not in page(client, post)
    services.comment_approve(comments=[second])
    assert "A second voice." in page(client, post)


def test_a_held_comment_leaves_the_cached_thread_and_page_alone(client, blog, post):
    open_blog(blog)
    submit(post, body="The first comment.")
    blog.comment_policy = Blog.CommentPolicy.HOLD_ALL
    blog.save()
    page(client, post)
    before = pagetags.versions([f"post:{post.pk}"])
    held = submit(post, email="ada@example.org", body="Waiting for a moderator.")
    assert pagetags.versions([f"post:{post.pk}"]) == before
    assert "Waiting for a moderator." not in page(client, post)
    services.comment_approve(comments=[held])
    assert pagetags.versions([f"post:{post.pk}"]) != before
    assert "Waiting for a moderator." in page(client, post)


def test_the_blog_language_changes_the_cached_thread(client, blog, post):
    open_blog(blog)
    submit(post, body="The first comment.")
    assert "Posted by: " in page(client, post)
    blog.language = "ru"
    blog.save()
    html = page(client, post)
    assert "The first comment." in html and "Posted by: " not in html


def test_a_readers_own_held_comment_and_edit_links_show_only_to_them(blog, post):
    writer, reader = Client(), Client()
    reader.cookies["other"] = "1"
    url = reverse("comments:post_comments", args=[post.pk])
    # Held (a first-time commenter): only the writer's browser shows it.
    writer.post(url, form_data(post, body="Held until someone reads it."))
    assert "Held until someone reads it." in page(writer, post)
    assert "Held until someone reads it." not in page(reader, post)
    # Published: the writer gets Edit links on it; the thread others see never has them,
    # whoever asked first.
    open_blog(blog)
    writer.post(url, form_data(post, body="Published at once.", email="lena2@example.org"))
    assert "Published at once." in page(reader, post)
    edit = reverse("comments:comment_edit", args=[Comment.objects.latest("pk").pk])
    assert f'href="{edit}"' in page(writer, post)
    assert f'href="{edit}"' not in page(reader, post)


@pytest.mark.django_db(transaction=True)
def test_a_held_comment_its_mail_job_and_rate_counters_take_two_commits(task_queue, settings):
    settings.GRASSROOTS_COMMENT_RATE_NETWORK = 20
    settings.GRASSROOTS_COMMENT_RATE_EMAIL = 10
    make_blog()
    post = make_post(slug="a-day-in-the-park")
    cache.add("comments:emails-expired", 1)  # the hourly email sweep: not this time
    with CaptureQueriesContext(connection) as queries:
        submit(post, ip=guard.client_ip_from("10.1.2.3"))
    statements = [q["sql"].split()[0].upper() for q in queries.captured_queries]
    assert statements.count("INSERT") == 4  # two counters, the comment, the job
    # One commit for both rate counters, one for the comment with its moderator mail job:
    # the job is written inside the comment's transaction, not in a third one after it.
    assert statements.count("COMMIT") == 2
    job = next(
        i for i, q in enumerate(queries.captured_queries) if "django_tasks" in q["sql"].lower()
    )
    assert "COMMIT" in statements[job:] and statements[job:].count("COMMIT") == 1
