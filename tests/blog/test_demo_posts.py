import pytest
from django.test import Client

from grassroots.blog.models import Author, Post
from grassroots.demo import identity, posts

pytestmark = pytest.mark.django_db


def test_the_demo_posts_span_three_years_two_authors_and_a_russian_post():
    identity.load()
    posts.load()
    public = Post.objects.public()
    assert public.count() >= 12
    assert {post.published_at.year for post in public} >= {2024, 2025, 2026}
    assert Author.objects.count() == 2
    assert public.filter(title__regex=r"[А-Яа-яЁё]").exists()
    assert Post.objects.filter(status=Post.Status.DRAFT).exists()
    assert Post.objects.scheduled().exists()


def test_the_photo_story_has_an_intro_and_three_attributed_quotes():
    identity.load()
    posts.load()
    story = Post.objects.get(slug="a-day-in-the-park")
    html = Client().get(story.get_absolute_url()).content.decode()
    assert html.count('<figure class="quote">') == 3
    assert html.count("<figcaption>— ") == 3
    assert html.index("<p>On a bright Saturday") < html.index('<figure class="quote">')
