"""Photos on the editor's cards stay with the post, in its text or not yet, until the author
removes them; without JavaScript too."""

import pytest

from grassroots.blog.models import Post, PostPhoto
from grassroots.photos import services
from tests.factories import make_blog
from tests.photos import corpus

pytestmark = pytest.mark.django_db


def form(**fields):
    values = {"version": "0", "title": "Park day", "body": "", "excerpt": "", "tags": ""}
    return values | {"language": "", "comments_open": "on", "action": "save"} | fields


def test_a_photo_not_in_the_text_stays_on_the_cards_until_removed(admin_client):
    make_blog()
    data = corpus.jpeg_bytes(corpus.scene((64, 48)))
    shown, kept = (services.photo_upload(data=data) for _ in range(2))
    cards = {f"alt_{shown.pk}": "", f"alt_{kept.pk}": "", f"caption_{kept.pk}": "Rain"}
    answer = admin_client.post("/studio/posts/new/autosave/", form(**cards)).json()
    post = Post.objects.get()
    editor = admin_client.get(f"/studio/posts/{post.pk}/").content.decode()
    assert f'data-photo="{shown.pk}"' in editor and f'data-photo="{kept.pk}"' in editor
    # The box ticked without JavaScript: off the cards when saved, still in the library.
    version = str(answer["version"])
    body = f"![](photo:{shown.pk})"
    admin_client.post(
        f"/studio/posts/{post.pk}/",
        form(version=version, body=body, remove_photo=[str(kept.pk)], **cards),
    )
    editor = admin_client.get(f"/studio/posts/{post.pk}/").content.decode()
    assert f'data-photo="{shown.pk}"' in editor and f'data-photo="{kept.pk}"' not in editor
    assert list(PostPhoto.objects.values_list("photo_id", flat=True)) == [shown.pk]
    kept.refresh_from_db()
    assert kept.caption == "Rain"


def test_unknown_or_bad_photo_ids_on_the_cards_are_ignored(admin_client):
    make_blog()
    # "²" passes str.isdigit() but not int(); 20 digits overflow SQLite's integers.
    fields = {"alt_999": "", "alt_x": "", "alt_²": "", f"alt_{'9' * 20}": "",
              "remove_photo": ["abc", "998", "²", "9" * 20], "add_photo": ["³"]}  # fmt: skip
    answer = admin_client.post("/studio/posts/new/autosave/", form(**fields))
    assert answer.status_code == 200 and not PostPhoto.objects.exists()
