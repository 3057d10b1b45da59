import datetime
import zoneinfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from grassroots.blog import services
from grassroots.blog.models import Post
from grassroots.core import text
from tests.factories import make_author, make_blog, make_post

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def at(*args):
    return datetime.datetime(*args, tzinfo=ALMATY)


def test_the_permalink_uses_the_date_in_the_blogs_time_zone():
    make_blog(time_zone="Asia/Almaty")
    # 20:30 UTC on 6 October is already 7 October in Almaty.
    moment = datetime.datetime(2013, 10, 6, 20, 30, tzinfo=datetime.UTC)
    post = make_post(title="Pride in the park", published_at=moment)
    assert post.get_absolute_url() == "/2013/10/07/pride-in-the-park/"


def test_the_post_page_shows_every_element_a_reader_expects(client):
    make_blog()
    author = make_author(display_name="Dana Omarova", slug="dana")
    body = (
        "We spent the day in the park.\n\n"
        "> Nobody should be afraid to be who they are.\n>\n> — Marat, volunteer\n"
    )
    post = make_post(
        title="A day out",
        body=body,
        authors=[author],
        published_at=at(2024, 5, 1, 10),
        tags=[services.tag_get_or_create(name="Outreach")],
    )
    response = client.get(post.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Riverbank Rights Network" in html and "Riverbank notes" in html
    assert "What our volunteers saw this month." in html
    assert "<h1>A day out</h1>" in html
    assert 'href="/authors/dana/" rel="author">Dana Omarova</a>' in html
    assert '<time datetime="2024-05-01T10:00:00+05:00">' in html
    assert f'href="{post.get_absolute_url()}" rel="bookmark">Permanent link' in html
    assert 'href="/posts/">All posts</a>' in html
    assert '<figure class="quote">' in html
    assert "<figcaption>— Marat, volunteer</figcaption>" in html
    assert 'href="/tags/outreach/" rel="tag">Outreach</a>' in html
    assert "About 1 minute to read" in html
    assert 'id="comments"' in html
    assert 'rel="canonical" href="http://127.0.0.1:8000/2024/05/01/a-day-out/"' in html
    assert '<script type="application/ld+json">' in html and '"BlogPosting"' in html
    assert 'property="og:title" content="A day out"' in html
    assert f'href="/comments/feed/post/{post.pk}/atom/"' in html.split("</head>")[0]
    assert "csrftoken" not in response.cookies and "sessionid" not in response.cookies


def test_previous_and_next_posts_are_linked():
    make_blog()
    first = make_post(title="First", published_at=at(2024, 1, 1, 9))
    second = make_post(title="Second", published_at=at(2024, 2, 1, 9))
    third = make_post(title="Third", published_at=at(2024, 3, 1, 9))
    from django.test import Client

    html = Client().get(second.get_absolute_url()).content.decode()
    assert f'href="{first.get_absolute_url()}" rel="prev"' in html
    assert f'href="{third.get_absolute_url()}" rel="next"' in html


def test_a_draft_is_a_404_for_readers(client):
    make_blog()
    post = make_post(title="Secret plan", status=Post.Status.DRAFT)
    assert client.get(post.get_absolute_url()).status_code == 404


def test_a_scheduled_post_becomes_public_at_its_time_without_any_worker(client):
    make_blog()
    soon = timezone.now() + datetime.timedelta(hours=1)
    post = make_post(title="Tomorrow's news", published_at=soon)
    assert post.state == "scheduled"
    assert client.get(post.get_absolute_url()).status_code == 404
    assert "Tomorrow" not in client.get("/posts/").content.decode()
    Post.objects.filter(pk=post.pk).update(published_at=timezone.now())
    assert client.get(post.get_absolute_url()).status_code == 200
    assert "Tomorrow" in client.get("/posts/").content.decode()


def test_unpublishing_hides_the_post_everywhere_at_once(client):
    make_blog()
    post = make_post(title="Retracted report", body="Words about zebras.")
    url = post.get_absolute_url()
    assert client.get(url).status_code == 200
    assert "Retracted report" in client.get("/search/?q=zebras").content.decode()
    services.post_unpublish(post=post)
    assert client.get(url).status_code == 404
    for page in ("/", "/posts/", "/feed/", "/feed/atom/", "/sitemap.xml", "/search/?q=zebras"):
        assert "Retracted" not in client.get(page).content.decode(), page
        assert post.slug not in client.get(page).content.decode(), page


def test_changing_the_slug_or_date_redirects_the_old_address_permanently(client):
    make_blog()
    post = make_post(title="Old title", published_at=at(2023, 3, 3, 12))
    old = post.get_absolute_url()
    services.post_update(post=post, slug="new-title")
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == "/2023/03/03/new-title/"
    services.post_update(post=post, published_at=at(2023, 4, 4, 12))
    for address in (old, "/2023/03/03/new-title/"):
        response = client.get(address)
        assert response.status_code == 301
        assert response["Location"] == "/2023/04/04/new-title/"
    assert client.get("/2023/04/04/new-title/").status_code == 200


def test_two_posts_never_share_a_permalink():
    make_blog()
    day = at(2024, 6, 1, 10)
    first = make_post(title="Weekly update", published_at=day)
    second = make_post(title="Weekly update", published_at=day)
    assert first.get_absolute_url() != second.get_absolute_url()
    assert second.slug == "weekly-update-2"
    with pytest.raises(ValidationError) as error:
        make_post(title="Another", slug="weekly-update", published_at=day)
    assert "slug" in error.value.message_dict


def test_russian_and_kazakh_titles_get_readable_latin_slugs():
    make_blog()
    assert make_post(title="Съезд жильцов в Шымкенте").slug == "sezd-zhiltsov-v-shymkente"
    assert make_post(title="Қазақстандағы құқық қорғаушылар").slug == (
        "qazaqstandaghy-quqyq-qorghaushylar"
    )


def test_a_title_that_slugifies_to_nothing_gets_a_clear_message():
    make_blog()
    with pytest.raises(ValidationError) as error:
        make_post(title="!!! ???")
    assert "No slug could be made" in " ".join(error.value.message_dict["slug"])
    assert not Post.objects.exists()


def test_publishing_is_refused_while_the_body_has_publish_problems():
    make_blog()

    def no_todo(source):
        return ["Remove the TODO first."] if "TODO" in source else []

    text.register_publish_check(no_todo)
    try:
        with pytest.raises(ValidationError, match="Remove the TODO first"):
            make_post(title="Half done", body="TODO: write this")
        draft = make_post(title="Half done", body="TODO", status=Post.Status.DRAFT)
        with pytest.raises(ValidationError):
            services.post_publish(post=draft)
        draft.refresh_from_db()
        assert draft.status == Post.Status.DRAFT
    finally:
        text.PUBLISH_CHECKS.remove(no_todo)


def test_rerendering_updates_the_stored_html_and_a_derived_excerpt():
    make_blog()
    post = make_post(title="Rerender me", body="First words.")
    Post.objects.filter(pk=post.pk).update(body="Second words.")
    post.refresh_from_db()
    services.post_rerender(post=post)
    post.refresh_from_db()
    assert post.body_html == "<p>Second words.</p>\n"
    assert post.excerpt == "Second words."
    written = make_post(title="Written", body="Body.", excerpt="My own summary.")
    services.post_rerender(post=written)
    written.refresh_from_db()
    assert written.excerpt == "My own summary."


def test_unknown_dates_and_slugs_are_404_not_errors(client):
    make_blog()
    make_post(title="Here", published_at=at(2024, 1, 1, 9))
    for url in ("/2024/13/40/here-not/", "/0000/00/00/x/", "/2024/02/30/nothing/"):
        assert client.get(url).status_code == 404, url
    # A mistyped date with a real slug finds the post.
    assert client.get("/2024/02/30/here/").status_code == 301


def test_a_post_in_another_language_is_marked_as_such(client):
    make_blog(language="en")
    post = make_post(title="Встреча", body="Текст.", language="ru")
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<h1 lang="ru">Встреча</h1>' in html
    assert '<div class="post-body" lang="ru">' in html
    # The words around the post stay in the blog's language, for screen readers too.
    assert '<article class="post">' in html
    assert '<h2 lang="ru"><a' in client.get("/posts/").content.decode()


def test_a_derived_excerpt_is_the_opening_text_not_the_quotes():
    make_blog()
    post = make_post(title="Story", body="Opening words.\n\n> A quote.\n>\n> — Someone")
    assert post.excerpt == "Opening words."


def test_json_ld_cannot_break_out_of_its_script_element(client):
    import json
    import re

    make_blog()
    post = make_post(title="</script><script>alert(1)</script> & more", body="Text.")
    html = client.get(post.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "</script><script>alert(1)</script> & more"
    assert data["author"][0]["name"] == "Aigerim Sadykova"
    assert "<script>alert" not in html


def test_reading_time_counts_words_at_two_hundred_a_minute():
    make_blog()
    assert make_post(title="Short", body="word " * 50).reading_minutes == 1
    assert make_post(title="Long", body="слово " * 1000).reading_minutes == 5


@pytest.mark.parametrize(
    ("language", "byline", "reading"),
    [
        ("ru", "Автор:", "Читать около 1 минуты"),
        ("kk", "Автор:", "Оқуға шамамен 1 минут"),
    ],
)
def test_a_russian_or_kazakh_blog_speaks_its_language(client, language, byline, reading):
    make_blog(language=language)
    post = make_post(title="Встреча", published_at=at(2024, 9, 14, 12))
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'<html lang="{language}">' in html
    assert byline in html and reading in html
    if language == "ru":
        assert "14 сентября 2024" in html
        assert "Постоянная ссылка" in html
        assert "0 комментариев" in client.get("/posts/").content.decode()


def test_a_post_whose_cover_has_no_alt_text_cannot_be_published():

    from grassroots.photos import services as photo_services
    from tests.photos import corpus

    make_blog()
    cover = photo_services.photo_upload(data=corpus.jpeg_bytes(corpus.scene((400, 300))))
    post = make_post(title="Covered draft", status=Post.Status.DRAFT, cover=cover)
    with pytest.raises(ValidationError, match="cover photo needs alt text"):
        services.post_publish(post=post)
    cover.alt_text = "Volunteers at the river"
    cover.save()
    post.refresh_from_db()
    services.post_publish(post=post)
