"""The preview of a public post's pending changes shows everything as readers will see it
after "Publish changes": title, text, excerpt, tags and cover, not today's."""

import pytest

from grassroots.blog import services
from grassroots.photos import services as photo_services
from tests.factories import make_blog, make_post
from tests.photos import corpus
from tests.studio.test_writing import form

pytestmark = pytest.mark.django_db


def test_the_pending_preview_shows_the_pending_tags_excerpt_and_cover(admin_client, client):
    make_blog()
    post = make_post(title="Park day", tags=[services.tag_get_or_create(name="Parks")])
    cover = photo_services.photo_upload(
        data=corpus.jpeg_bytes(corpus.scene((320, 240))), alt_text="Volunteers at the gate"
    )
    answer = admin_client.post(
        f"/studio/posts/{post.pk}/autosave/",
        form(
            title="Park day, again",
            body="New words.",
            excerpt="A written excerpt.",
            tags="Rivers, clean-up",
            cover=str(cover.pk),
            version=str(post.version),
        ),
    ).json()
    assert answer["pending"] is True  # editor.js shows "Publish changes" on this
    preview = admin_client.get(f"/studio/posts/{post.pk}/preview/").content.decode()
    assert 'rel="tag">Rivers</a>' in preview and 'rel="tag">clean-up</a>' in preview
    assert 'content="Rivers"' in preview and "Parks" not in preview
    assert 'content="A written excerpt."' in preview
    assert "Volunteers at the gate" in preview and "Park day, again" in preview
    public = client.get(post.get_absolute_url()).content.decode()
    assert 'rel="tag">Parks</a>' in public and "Rivers" not in public


def test_the_preview_banner_speaks_the_staff_persons_language(client):
    # The post is shown in the blog's language, as readers get it; the banner above it is
    # the studio's, in the language of the person previewing.
    from grassroots.blog import pages
    from tests.factories import make_staff

    make_blog(language="en")
    client.force_login(make_staff("Editor", username="eddie"))
    post = make_post(title="Park day", status="draft")
    page = pages.page_create(title="About us")
    ru = {"Accept-Language": "ru"}
    for url in (f"/studio/posts/{post.pk}/preview/", f"/studio/pages/{page.pk}/preview/"):
        html = client.get(url, headers=ru).content.decode()
        assert '<html lang="en"' in html
        assert 'lang="ru">Предпросмотр черновика' in html
        assert "Вернуться к редактированию" in html and "Back to editing" not in html
