"""Whose photo is it: a photo shows on every post that uses it, so only someone who may
change all those posts may change its words or pixels (crafted ids included)."""

import io

import pytest
from PIL import Image

from grassroots.blog.models import Post
from grassroots.photos import services
from tests.factories import make_blog, make_post, make_staff
from tests.photos import corpus

pytestmark = pytest.mark.django_db


def jpeg():
    data = io.BytesIO()
    Image.new("RGB", (64, 48), "green").save(data, "JPEG")
    data.seek(0)
    data.name = "green.jpg"
    return data


def attempts(client, photo):
    """Every way the studio changes a photo, with the status each answered."""
    pk = photo.pk
    return {
        "words": client.post(f"/studio/photos/{pk}/", {"alt_text": "x", "caption": "x"}),
        "blur": client.post(f"/studio/photos/{pk}/blur/", {"regions": "[[0,0,10,10]]"}),
        "replace": client.post(f"/studio/photos/{pk}/replace/", {"file": jpeg()}),
        "editor words": client.post(f"/studio/editor/photos/{pk}/", {"alt_text": "x"}),
        "editor blur": client.post(
            f"/studio/editor/photos/{pk}/blur/", {"regions": "[[0,0,10,10]]"}
        ),
    }


@pytest.mark.parametrize("role", ["Author", "Contributor"])
def test_a_photo_on_someone_elses_published_post_cannot_be_changed(client, role):
    make_blog()
    photo = services.photo_upload(data=corpus.phone_jpeg(), alt_text="A gate", caption="Gate")
    make_post(title="Gate day", body=f"![](photo:{photo.pk})")
    client.force_login(make_staff(role, username=role.lower()))
    answers = attempts(client, photo)
    assert {name: r.status_code for name, r in answers.items()} == dict.fromkeys(answers, 403)
    photo.refresh_from_db()
    assert (photo.alt_text, photo.caption, photo.blurred_regions) == ("A gate", "Gate", 0)


def test_a_contributor_cannot_change_a_photo_on_their_own_published_post(client):
    make_blog()
    writer = make_staff("Contributor", username="writer")
    photo = services.photo_upload(data=corpus.phone_jpeg(), alt_text="A gate")
    make_post(body=f"![](photo:{photo.pk})", authors=[writer.author])
    client.force_login(writer)
    response = client.post(f"/studio/editor/photos/{photo.pk}/", {"alt_text": "changed"})
    assert response.status_code == 403


def test_own_and_unused_photos_can_be_changed_and_editors_change_any(client):
    make_blog()
    author = make_staff("Author", username="author")
    own = services.photo_upload(data=corpus.phone_jpeg())
    make_post(body=f"![](photo:{own.pk})", status=Post.Status.DRAFT, authors=[author.author])
    unused = services.photo_upload(data=corpus.phone_jpeg())
    client.force_login(author)
    for photo in (own, unused):
        assert (
            client.post(f"/studio/editor/photos/{photo.pk}/", {"alt_text": "ok"}).status_code == 200
        )
    others = services.photo_upload(data=corpus.phone_jpeg(), alt_text="A gate")
    make_post(body=f"![](photo:{others.pk})")
    client.force_login(make_staff("Editor", username="editor"))
    assert client.post(f"/studio/editor/photos/{others.pk}/", {"alt_text": "ok"}).status_code == 200
