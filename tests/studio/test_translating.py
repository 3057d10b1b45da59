"""Translating in the studio: "Translate into …" saves the text, makes a draft in that
language linked to the original with the text copied in, and opens it; each version's editor
shows the original and reaches the others. Plain form posts: no JavaScript needed."""

import re

import pytest

from grassroots.accounts.models import AuditEntry
from grassroots.blog import pages
from grassroots.blog.models import Page, Post
from tests.factories import make_blog, make_post
from tests.studio.test_writing import form

pytestmark = pytest.mark.django_db


@pytest.fixture
def original(db):
    make_blog(language="en")
    return make_post(title="Water rights", slug="water-rights", body="We dug.")


def translate(client, post, language, **fields):
    post = Post.objects.get(pk=post.pk)  # the version the editor would have loaded
    data = form(
        title=post.title,
        body=post.body,
        version=str(post.version),
        language=post.language,
        action=f"translate:{language}",
    )
    return client.post(f"/studio/posts/{post.pk}/", data | fields)


def test_translate_makes_a_linked_draft_with_the_saved_text_and_opens_it(admin_client, original):
    response = translate(admin_client, original, "ru", body="We dug a well.")
    draft = Post.objects.get(language="ru")
    assert response.status_code == 302
    assert response["Location"] == f"/studio/posts/{draft.pk}/"
    assert draft.translation_of == original and draft.state == "draft"
    # The text typed before pressing is saved first, and it is what the draft starts from.
    assert draft.title == "Water rights" and draft.body == "We dug a well."
    # The original is public: what was typed waits there as its unpublished changes.
    assert Post.objects.get(pk=original.pk).pending.body == "We dug a well."
    assert draft.slug == "water-rights-ru" and draft.revisions.count() == 1
    assert AuditEntry.objects.filter(action="post.translate", detail="ru").exists()


def test_each_editor_shows_the_original_and_reaches_the_other_versions(admin_client, original):
    translate(admin_client, original, "ru")
    ru = Post.objects.get(language="ru")
    html = admin_client.get(f"/studio/posts/{ru.pk}/").content.decode()
    assert re.search(
        rf'Translation of: <a href="/studio/posts/{original.pk}/" lang="en">Water rights</a>', html
    )
    assert 'value="translate:kk"' in html and 'value="translate:ru"' not in html
    assert 'value="translate:en"' not in html
    html = admin_client.get(f"/studio/posts/{original.pk}/").content.decode()
    assert f'href="/studio/posts/{ru.pk}/" lang="ru"' in html
    assert "Translation of:" not in html


def test_a_translation_of_a_translation_names_the_original(admin_client, original):
    translate(admin_client, original, "ru")
    ru = Post.objects.get(language="ru")
    translate(admin_client, ru, "kk", body="Біз құдық қаздық.")
    kk = Post.objects.get(language="kk")
    assert kk.translation_of == original and kk.body == "Біз құдық қаздық."


def test_a_language_already_covered_is_refused_with_the_text_kept(admin_client, original):
    translate(admin_client, original, "ru")
    response = translate(admin_client, original, "ru", body="Still mine.")
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a version in that language already." in html and "Still mine." in html
    assert Post.objects.filter(language="ru").count() == 1
    # The original's own language and codes the blog does not offer are no action at all.
    translate(admin_client, original, "en")
    translate(admin_client, original, "de")
    assert Post.objects.count() == 2


def test_a_page_is_translated_the_same_way(admin_client, original):
    about = pages.page_create(title="About us", body="We are.", status=Page.Status.PUBLISHED)
    data = {"title": "About us", "slug": "about-us", "body": "We are a group.", "language": ""}
    response = admin_client.post(
        f"/studio/pages/{about.pk}/",
        data | {"version": str(about.version), "action": "translate:kk"},
    )
    kk = Page.objects.get(language="kk")
    assert response["Location"] == f"/studio/pages/{kk.pk}/"
    assert kk.translation_of == about and kk.body == "We are a group." and not kk.is_public
    html = admin_client.get(f"/studio/pages/{kk.pk}/").content.decode()
    assert f'Translation of: <a href="/studio/pages/{about.pk}/" lang="en">About us</a>' in html
    assert 'value="translate:ru"' in html and 'value="translate:kk"' not in html


def test_the_editor_costs_the_same_with_translations_or_without(
    admin_client, original, django_assert_num_queries
):
    from django.core.cache import cache

    def cost(post):
        cache.clear()
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(f"/studio/posts/{post.pk}/").status_code == 200
        return len(queries)

    alone = make_post(title="Alone", body="x")
    translate(admin_client, original, "ru")
    translate(admin_client, original, "kk")
    assert cost(original) == cost(alone)
