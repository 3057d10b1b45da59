"""Writing in the studio over HTTP: new post, autosave, conflicts, publish, schedule,
pending changes on a public post, revisions."""

import datetime
import zoneinfo

import pytest

from grassroots.blog.models import Post
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")


def form(**fields):
    values = {
        "version": "0",
        "title": "",
        "body": "",
        "excerpt": "",
        "tags": "",
        "language": "",
        "comments_open": "on",
        "action": "save",
    }
    return values | fields


@pytest.fixture
def blog():
    return make_blog()


def test_the_editor_opens_empty_and_a_save_makes_a_draft(admin_client, blog):
    page = admin_client.get("/studio/posts/new/")
    assert page.status_code == 200
    assert b'name="body"' in page.content
    response = admin_client.post("/studio/posts/new/", form(title="Park day", body="We met."))
    post = Post.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/studio/posts/{post.pk}/"
    assert post.state == "draft" and post.title == "Park day" and post.slug == "park-day"
    assert post.revisions.count() >= 1
    assert post.authors.get().user.username == "admin"


def test_autosave_makes_a_draft_then_saves_it_and_refuses_a_stale_version(admin_client, blog):
    first = admin_client.post("/studio/posts/new/autosave/", form(body="Half a senten"))
    assert first.status_code == 200
    data = first.json()
    post = Post.objects.get(pk=data["id"])
    assert post.body == "Half a senten"
    url = data["autosave_url"]
    second = admin_client.post(url, form(body="Half a sentence.", version=str(data["version"])))
    assert second.status_code == 200
    version = second.json()["version"]
    # Someone who loaded the first version saves: refused, nothing overwritten.
    stale = admin_client.post(url, form(body="Other text", version=str(data["version"])))
    assert stale.status_code == 409
    assert "while you were editing" in stale.json()["error"]
    post.refresh_from_db()
    assert post.body == "Half a sentence." and post.version == version
    # Many autosaves by one person leave one revision, not one per save.
    assert post.revisions.filter(autosave=True).count() == 1


def test_publish_now_and_schedule_in_the_blogs_time_zone(admin_client, blog):
    admin_client.post("/studio/posts/new/", form(title="Now", body="Text.", action="publish"))
    assert Post.objects.get(title="Now").state == "published"
    day = (datetime.datetime.now(ALMATY) + datetime.timedelta(days=3)).date()
    admin_client.post(
        "/studio/posts/new/",
        form(
            title="Later",
            body="Text.",
            action="schedule",
            publish_date=day.isoformat(),
            publish_time="18:30",
        ),
    )
    later = Post.objects.get(title="Later")
    assert later.state == "scheduled"
    assert later.published_at.astimezone(ALMATY).time() == datetime.time(18, 30)
    home = admin_client.get("/studio/").content.decode()
    assert "Later" in home


def test_a_publish_blocked_by_a_check_keeps_the_text_and_says_why(admin_client, blog):
    response = admin_client.post(
        "/studio/posts/new/", form(title="", body="Text", action="publish")
    )
    assert response.status_code == 200
    assert "needs a title" in response.content.decode()
    assert Post.objects.get().state == "draft" and Post.objects.get().body == "Text"


def test_edits_to_a_public_post_wait_until_publish_changes(admin_client, blog, client):
    post = make_post(title="Open letter", body="First text.")
    editor = admin_client.get(f"/studio/posts/{post.pk}/")
    assert editor.status_code == 200
    admin_client.post(
        f"/studio/posts/{post.pk}/",
        form(title="Open letter", body="Second text.", version=str(post.version)),
    )
    post.refresh_from_db()
    assert post.body == "First text." and post.pending is not None
    assert "First text." in client.get(post.get_absolute_url()).content.decode()
    preview = admin_client.get(f"/studio/posts/{post.pk}/preview/").content.decode()
    assert "Second text." in preview
    url, published_at = post.get_absolute_url(), post.published_at
    admin_client.post(
        f"/studio/posts/{post.pk}/",
        form(
            title="Open letter",
            body="Second text.",
            version=str(post.version),
            action="publish_changes",
        ),
    )
    post.refresh_from_db()
    assert post.pending is None and post.body == "Second text."
    assert post.get_absolute_url() == url and post.published_at == published_at
    assert "Second text." in client.get(url).content.decode()


def test_discarding_changes_leaves_the_public_text(admin_client, blog):
    post = make_post(body="Kept.")
    admin_client.post(
        f"/studio/posts/{post.pk}/",
        form(title=post.title, body="Dropped.", version=str(post.version)),
    )
    post.refresh_from_db()
    admin_client.post(
        f"/studio/posts/{post.pk}/",
        form(
            title=post.title, body="Dropped.", version=str(post.version), action="discard_changes"
        ),
    )
    post.refresh_from_db()
    assert post.pending is None and post.body == "Kept."


def test_revisions_compare_and_restore(admin_client, blog):
    admin_client.post("/studio/posts/new/", form(title="Draft", body="The old words."))
    post = Post.objects.get()
    admin_client.post(
        f"/studio/posts/{post.pk}/",
        form(title="Draft", body="The new words.", version=str(post.version)),
    )
    old, new = post.revisions.order_by("saved_at", "pk")
    listing = admin_client.get(f"/studio/posts/{post.pk}/revisions/")
    assert listing.status_code == 200
    diff = admin_client.get(
        f"/studio/posts/{post.pk}/revisions/compare/?from={old.pk}&to={new.pk}"
    ).content.decode()
    assert "<del>old</del>" in diff and "<ins>new</ins>" in diff
    admin_client.post(f"/studio/posts/{post.pk}/revisions/{old.pk}/restore/")
    post.refresh_from_db()
    assert post.body == "The old words." and post.revisions.count() == 3


def test_live_preview_renders_like_the_public_page(admin_client, blog):
    response = admin_client.post(
        "/studio/preview/", {"body": "> Stay.\n>\n> — Aida", "title": ""}
    ).json()
    assert '<figure class="quote">' in response["html"]
    assert any("title" in check for check in response["checks"])
    assert response["words"] == 3


def test_a_private_preview_link_works_without_login_and_a_forged_one_does_not(
    admin_client, blog, client
):
    admin_client.post("/studio/posts/new/", form(title="Secret plan", body="Draft."))
    post = Post.objects.get()
    response = admin_client.post(f"/studio/posts/{post.pk}/share/", follow=True)
    link = response.context["messages"]._loaded_messages[0].message if False else None
    messages = [str(m) for m in response.context["messages"]]
    link = next(m for m in messages if "/studio/shared/" in m)
    shared = client.get(link.split("testserver")[1])
    assert shared.status_code == 200 and "Secret plan" in shared.content.decode()
    assert client.get("/studio/shared/forged/").status_code == 404


def test_photos_while_writing_upload_describe_and_blur(admin_client, blog):
    import json

    from tests.photos import corpus

    upload = corpus.jpeg_bytes(corpus.scene((640, 480)))
    from django.core.files.uploadedfile import SimpleUploadedFile

    files = [SimpleUploadedFile(f"IMG_{n}.jpg", upload, "image/jpeg") for n in range(2)]
    answer = admin_client.post("/studio/editor/photos/", {"photos": files}).json()
    assert len(answer["photos"]) == 2
    first = answer["photos"][0]["id"]
    described = admin_client.post(
        f"/studio/editor/photos/{first}/", {"alt_text": "Two volunteers", "caption": "Tea"}
    ).json()
    assert described["alt"] == "Two volunteers" and described["caption"] == "Tea"
    # A rectangle partly outside the photo is cut to it, not refused with an error.
    regions = json.dumps([[-50, -50, 5000, 100]])
    blurred = admin_client.post(f"/studio/editor/photos/{first}/blur/", {"regions": regions})
    assert blurred.status_code == 200
    bad = admin_client.post(f"/studio/editor/photos/{first}/blur/", {"regions": "nonsense"})
    assert bad.status_code == 400
    refused = admin_client.post(
        "/studio/editor/photos/", {"photos": [SimpleUploadedFile("x.jpg", b"not a photo")]}
    )
    assert refused.status_code == 400 and refused.json()["refused"]


def test_the_checks_name_undescribed_photos_as_the_author_sees_them(admin_client, blog):
    # The cards under Photos show no numbers: "Photo 29 has no alt text" six times could not
    # be matched to a card. The check says how many, and where to describe them.
    from grassroots.photos import services as photo_services
    from tests.photos import corpus

    photos = [photo_services.photo_upload(data=corpus.phone_jpeg()) for _ in range(3)]
    described = photo_services.photo_upload(data=corpus.phone_jpeg(), alt_text="A gate")
    body = "```gallery\n" + "".join(f"photo:{p.pk}\n" for p in [*photos, described]) + "```"
    checks = admin_client.post("/studio/preview/", {"body": body, "title": "Park"}).json()["checks"]
    assert checks == ["3 photos have no alt text: fill in “Alt text” on their cards under Photos."]
    ru = admin_client.post(
        "/studio/preview/", {"body": body, "title": "Park"}, headers={"Accept-Language": "ru"}
    )
    assert ru.json()["checks"][0].startswith("3 фото без описания (alt)")
    body = f"![](photo:{photos[0].pk})\n\n![](photo:999999)"
    checks = admin_client.post("/studio/preview/", {"body": body, "title": "Park"}).json()["checks"]
    assert checks == [
        "Photo 999999 does not exist (any more).",
        "1 photo has no alt text: fill in “Alt text” on its card under Photos.",
    ]
