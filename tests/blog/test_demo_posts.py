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


def test_the_demo_photo_story_holds_every_element_of_the_reference_page():
    """The acceptance check of issue 3, on the whole demo (photos and comments included)."""
    import re

    from grassroots.demo.loaders import LOADERS

    for load in LOADERS:
        load()
    story = Post.objects.get(slug="a-day-in-the-park")
    html = Client().get(story.get_absolute_url()).content.decode()
    assert '<p class="organisation"><a href="https://' in html
    assert '<p class="blog-title"><a href="/">' in html and '<p class="tagline">' in html
    assert html.count("<h1") == 1 and "<h1>A day in the park</h1>" in html
    assert re.search(
        r'Posted by <a href="/authors/[a-z-]+/" rel="author">[^<]+</a> on '
        r'<time datetime="2026-09-28T19:00:00\+05:00">',
        html,
    )
    assert f'href="{story.get_absolute_url()}" rel="bookmark">Permanent link</a>' in html
    assert '<a href="/posts/">All posts</a>' in html
    assert re.search(r"to read</p>", html)
    body = html[html.index('<div class="post-body">') : html.index('<footer class="post-footer">')]
    assert body.index("<p>") < body.index('<figure class="quote">')
    assert len(re.findall(r"<figure class=\"quote\">\s*<blockquote>", body)) == 3
    assert len(re.findall(r"</blockquote>\s*<figcaption>— [^<]+</figcaption>", body)) == 3
    photos = re.findall(r'<figure class="photo">.*?</figure>', body, re.S)
    assert len(photos) == 6
    for figure in photos:
        assert re.search(r'<img [^>]*alt="[^"]{10,}"', figure), figure
        assert re.search(r"<figcaption>[^<]{10,}", figure), figure
    assert 'rel="tag">Photo stories</a>' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert '<section class="comments" id="comments"' in html
    assert html.index('class="post-footer"') < html.index('id="comments"')
