import datetime
import re
import zoneinfo

import pytest
from django.utils import timezone

from grassroots.blog.models import Author, Post
from grassroots.core import text
from tests.factories import make_author, make_blog, make_post

pytestmark = pytest.mark.django_db


def form_data(author, **fields):
    return {
        "title": "Notes from the clinic",
        "slug": "",
        "body": "We met **twelve** people.\n\n> Come back soon.\n>\n> — Nurse Aida",
        "status": "published",
        "published_at_0": "2024-05-01",
        "published_at_1": "10:00:00",
        "authors": [author.pk],
        "tags": [],
        "comments_open": "on",
        "excerpt": "",
        "cover": "",
        "_save": "Save",
    } | fields


def test_staff_write_a_post_in_markdown_and_publish_it(admin_client):
    make_blog()
    author = make_author(display_name="Dana", slug="dana")
    response = admin_client.post("/admin/blog/post/add/", form_data(author))
    assert response.status_code == 302, response.content.decode()[:3000]
    post = Post.objects.get()
    assert post.slug == "notes-from-the-clinic"
    assert "<strong>twelve</strong>" in post.body_html
    assert post.excerpt.startswith("We met twelve people.")
    assert not post.excerpt_written
    assert post.get_absolute_url() == "/2024/05/01/notes-from-the-clinic/"
    change = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    assert "/2024/05/01/notes-from-the-clinic/" in change
    assert "<figcaption>— Nurse Aida</figcaption>" in change  # the rendered preview


def test_a_title_with_no_letters_gets_a_message_and_the_text_is_kept(admin_client):
    make_blog()
    author = make_author(display_name="Dana", slug="dana")
    response = admin_client.post("/admin/blog/post/add/", form_data(author, title="!!! ???"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No slug could be made from this title" in html
    assert "We met **twelve** people." in html
    assert not Post.objects.exists()


def test_a_duplicate_slug_gets_a_message(admin_client):
    make_blog()
    author = make_author(display_name="Dana", slug="dana")
    make_post(title="Taken", slug="taken")
    response = admin_client.post("/admin/blog/post/add/", form_data(author, slug="taken"))
    assert response.status_code == 200
    assert "Another post already uses this slug" in response.content.decode()
    assert Post.objects.count() == 1


def test_publishing_with_publish_problems_is_refused_in_the_form(admin_client):
    make_blog()
    author = make_author(display_name="Dana", slug="dana")

    def no_todo(source):
        return ["A photo has no alt text."] if "TODO" in source else []

    text.register_publish_check(no_todo)
    try:
        response = admin_client.post("/admin/blog/post/add/", form_data(author, body="TODO"))
        assert "A photo has no alt text." in response.content.decode()
        assert not Post.objects.exists()
        draft = admin_client.post(
            "/admin/blog/post/add/", form_data(author, body="TODO", status="draft")
        )
        assert draft.status_code == 302
    finally:
        text.PUBLISH_CHECKS.remove(no_todo)


def test_staff_preview_a_draft_in_the_sites_look_and_readers_cannot(admin_client, client):
    make_blog()
    draft = make_post(title="Unfinished story", body="Draft words.", status=Post.Status.DRAFT)
    url = f"/admin/blog/post/{draft.pk}/preview/"
    html = admin_client.get(url).content.decode()
    assert "Unfinished story" in html and "Draft words." in html
    assert "readers cannot see this post" in html
    assert 'content="noindex, nofollow"' in html
    assert "Riverbank notes" in html  # the site's header, not the admin's
    assert client.get(url).status_code == 302  # to the login page
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert admin_client.get("/admin/blog/post/99999/preview/").status_code == 404


def test_a_draft_preview_shows_the_byline_and_leads_back_to_the_editor(admin_client):
    make_blog()
    author = make_author(display_name="Dana Omarova", slug="dana")
    draft = make_post(title="Unfinished", authors=[author], status=Post.Status.DRAFT)
    html = admin_client.get(f"/admin/blog/post/{draft.pk}/preview/").content.decode()
    assert 'rel="author">Dana Omarova</a>' in html
    assert "not published yet" in html
    assert f'href="/studio/posts/{draft.pk}/"' in html  # the studio is the editor now


def test_the_post_list_filters_by_status_including_scheduled(admin_client):
    make_blog()
    make_post(title="Live one")
    make_post(title="Later one", published_at=timezone.now() + datetime.timedelta(days=2))
    make_post(title="Draft one", status=Post.Status.DRAFT)
    for state, title in (
        ("scheduled", "Later one"),
        ("draft", "Draft one"),
        ("published", "Live one"),
    ):
        html = admin_client.get(f"/admin/blog/post/?state={state}").content.decode()
        others = {"Live one", "Later one", "Draft one"} - {title}
        assert title in html and not any(o in html for o in others), state
    assert admin_client.get("/admin/blog/post/?authors__id__exact=1").status_code == 200


def test_the_publish_action_refuses_posts_with_problems_and_publishes_the_rest(admin_client):
    make_blog()
    ok = make_post(title="Ready", status=Post.Status.DRAFT)
    action = {"action": "publish_now", "_selected_action": [ok.pk]}
    admin_client.post("/admin/blog/post/", action)
    ok.refresh_from_db()
    assert ok.state == "published"


def test_save_and_preview_saves_then_shows_the_preview(admin_client):
    make_blog()
    author = make_author(display_name="Dana", slug="dana")
    form = admin_client.get("/admin/blog/post/add/").content.decode()
    assert 'name="_preview"' in form
    data = form_data(author, status="draft", _preview="Save and preview")
    response = admin_client.post("/admin/blog/post/add/", data, follow=True)
    post = Post.objects.get()
    assert response.redirect_chain[-1][0] == f"/admin/blog/post/{post.pk}/preview/"
    assert "Notes from the clinic" in response.content.decode()


def test_view_on_site_opens_the_preview_until_the_post_is_public(admin_client):
    make_blog()
    draft = make_post(title="Not yet", status=Post.Status.DRAFT)
    live = make_post(title="Live now")
    draft_form = admin_client.get(f"/admin/blog/post/{draft.pk}/change/").content.decode()
    assert f'href="/admin/blog/post/{draft.pk}/preview/" class="viewsitelink"' in draft_form
    live_form = admin_client.get(f"/admin/blog/post/{live.pk}/change/").content.decode()
    assert f'href="{live.get_absolute_url()}" class="viewsitelink"' in live_form


def test_a_written_excerpt_is_kept_and_an_empty_one_follows_the_body(admin_client):
    make_blog()
    author = make_author(display_name="Dana", slug="dana")
    admin_client.post("/admin/blog/post/add/", form_data(author, excerpt="Our own summary."))
    post = Post.objects.get()
    assert post.excerpt == "Our own summary." and post.excerpt_written
    change = f"/admin/blog/post/{post.pk}/change/"
    assert "Our own summary.</textarea>" in admin_client.get(change).content.decode()
    edited = form_data(author, slug=post.slug, body="New opening.", excerpt="Our own summary.")
    admin_client.post(change, edited)
    post.refresh_from_db()
    assert post.excerpt == "Our own summary."
    admin_client.post(change, form_data(author, slug=post.slug, body="Fresh start.", excerpt=""))
    post.refresh_from_db()
    assert post.excerpt == "Fresh start." and not post.excerpt_written
    form = admin_client.get(change).content.decode()
    assert "Fresh start.</textarea>" in form  # the body
    assert re.search(r'<textarea name="excerpt"[^>]*>\s*</textarea>', form)


def test_staff_enter_and_see_publish_times_in_the_blogs_time_zone(admin_client, settings):
    # The permalink's date and every public page use the blog's zone; the editor must too,
    # whatever the server's own TIME_ZONE.
    settings.TIME_ZONE = "UTC"
    make_blog(time_zone="America/New_York")
    author = make_author(display_name="Dana", slug="dana")
    data = form_data(author, published_at_0="2024-05-01", published_at_1="21:30:00")
    assert admin_client.post("/admin/blog/post/add/", data).status_code == 302
    post = Post.objects.get()
    new_york = zoneinfo.ZoneInfo("America/New_York")
    assert post.published_at == datetime.datetime(2024, 5, 1, 21, 30, tzinfo=new_york)
    assert post.get_absolute_url() == "/2024/05/01/notes-from-the-clinic/"
    change = admin_client.get(f"/admin/blog/post/{post.pk}/change/").content.decode()
    assert 'value="21:30:00"' in change
    assert "America/New_York" in change
    listing = admin_client.get("/admin/blog/post/").content.decode()
    assert "9:30 p.m." in listing


def test_a_draft_preview_on_a_russian_blog_speaks_russian(admin_client):
    make_blog(language="ru")
    draft = make_post(title="Черновик", status=Post.Status.DRAFT)
    html = admin_client.get(f"/admin/blog/post/{draft.pk}/preview/").content.decode()
    assert "(ещё не опубликована)" in html
    assert "Вернуться к редактированию" in html


def test_an_author_who_is_the_only_byline_of_a_post_cannot_be_deleted(admin_client, client):
    make_blog()
    dana = make_author(display_name="Dana", slug="dana")
    timur = make_author(display_name="Timur", slug="timur")
    alone = make_post(title="Only Dana wrote this", authors=[dana])
    make_post(title="Written together", authors=[dana, timur])
    page = admin_client.post(f"/admin/blog/author/{dana.pk}/delete/", {"post": "yes"})
    assert page.status_code == 200
    assert "Only Dana wrote this" in page.content.decode()
    assert "Written together" not in page.content.decode()
    assert Author.objects.filter(pk=dana.pk).exists()
    assert 'rel="author">Dana</a>' in client.get(alone.get_absolute_url()).content.decode()
    # Once the post has another byline, Dana can go.
    alone.authors.add(timur)
    admin_client.post(f"/admin/blog/author/{dana.pk}/delete/", {"post": "yes"})
    assert not Author.objects.filter(pk=dana.pk).exists()
