"""Role rules hold on every studio URL: other people's posts are out of reach, and each
role does only what it may."""

import pytest
from django.core import mail

from grassroots.blog.models import Post
from tests.factories import make_blog, make_post, make_staff
from tests.studio.role_table import RULES, objects_for, studio_url_names, url_for
from tests.studio.test_writing import form

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(client):
    make_blog()
    return {
        role: make_staff(
            role,
            username=role.lower(),
            email=f"{role.lower()}@example.org",
            first_name=role,
            last_name="Person",
        )
        for role in ("Editor", "Author", "Contributor", "Moderator")
    }


def as_(client, user):
    client.force_login(user)
    return client


def test_someone_elses_post_is_not_found_at_any_studio_address(client, people):
    other = make_post(title="Editor's own", status=Post.Status.DRAFT)
    revision = 1
    as_(client, people["Contributor"])
    for url in (
        f"/studio/posts/{other.pk}/",
        f"/studio/posts/{other.pk}/preview/",
        f"/studio/posts/{other.pk}/revisions/",
        f"/studio/posts/{other.pk}/revisions/compare/?from=1&to=1",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/studio/posts/{other.pk}/",
        f"/studio/posts/{other.pk}/autosave/",
        f"/studio/posts/{other.pk}/revisions/{revision}/restore/",
    ):
        assert client.post(url, form(body="mine now")).status_code == 404, url
    other.refresh_from_db()
    assert other.body != "mine now"


def test_a_contributor_cannot_publish_and_pages_review_and_menu_are_closed(client, people):
    as_(client, people["Contributor"])
    response = client.post("/studio/posts/new/", form(title="Mine", body="x", action="publish"))
    assert response.status_code == 403
    assert not Post.objects.filter(status=Post.Status.PUBLISHED).exists()
    for url in ("/studio/review/", "/studio/pages/", "/studio/menu/", "/studio/pages/new/"):
        assert client.get(url).status_code == 403, url
    assert b"Publish now" not in client.get("/studio/posts/new/").content


def test_a_moderator_without_email_is_told_they_get_no_notices(client, people):
    moderator = people["Moderator"]
    moderator.email = ""
    moderator.save()
    html = as_(client, moderator).get("/studio/").content.decode()
    assert "you will get no notices" in html
    assert client.get("/studio/posts/new/").status_code == 403


def test_the_review_round_trip(client, people, django_capture_on_commit_callbacks):
    as_(client, people["Contributor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/studio/posts/new/", form(title="Flood relief", body="We helped.", action="submit")
        )
    post = Post.objects.get()
    assert post.review_state == "submitted" and post.state == "draft"
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]
    as_(client, people["Editor"])
    assert "Flood relief" in client.get("/studio/review/").content.decode()
    # Each step: who acts, with which text and button (the form sends the current version).
    steps = [
        ("Editor", "We helped.", {"action": "return", "note": "Add the date, please."}),
        ("Contributor", "We helped on 3 May.", {"action": "submit"}),
        ("Editor", "We helped on 3 May.", {"action": "publish"}),
    ]
    for role, body, fields in steps:
        as_(client, people[role])
        version = str(Post.objects.get().version)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/studio/posts/{post.pk}/",
                form(title="Flood relief", body=body, version=version, **fields),
            )
        if fields["action"] == "return":
            assert mail.outbox[-1].to == ["contributor@example.org"]
            as_(client, people["Contributor"])
            html = client.get(f"/studio/posts/{post.pk}/").content.decode()
            assert "Add the date, please." in html
    post.refresh_from_db()
    assert post.state == "published" and post.review_state == ""
    from grassroots.accounts.models import AuditEntry

    trail = list(AuditEntry.objects.order_by("pk").values_list("action", "actor__username"))
    assert ("post.submit", "contributor") in trail
    assert ("post.return", "editor") in trail
    assert ("post.publish", "editor") in trail


def test_an_author_publishes_their_own_post_but_cannot_return_others(client, people):
    as_(client, people["Author"])
    client.post("/studio/posts/new/", form(title="Mine", body="x", action="publish"))
    assert Post.objects.get().state == "published"
    post = Post.objects.get()
    response = client.post(
        f"/studio/posts/{post.pk}/",
        form(title="Mine", body="x", version=str(post.version), action="return"),
    )
    assert response.status_code == 403


def test_deleting_asks_first_and_a_contributor_cannot_delete(client, people):
    from grassroots.blog.editing import author_for_user

    own = make_post(
        title="Mine",
        status=Post.Status.DRAFT,
        authors=[author_for_user(user=people["Contributor"])],
    )
    as_(client, people["Contributor"])
    assert client.post(f"/studio/posts/{own.pk}/delete/").status_code == 403
    as_(client, people["Editor"])
    assert b"Delete for good" in client.get(f"/studio/posts/{own.pk}/delete/").content
    assert Post.objects.filter(pk=own.pk).exists()
    client.post(f"/studio/posts/{own.pk}/delete/")
    assert not Post.objects.filter(pk=own.pk).exists()


def test_every_studio_address_lets_in_only_the_roles_its_rule_names(client, people):
    assert set(RULES) == studio_url_names(), "a studio address without a row in role_table"
    objects = objects_for(people)
    wrong = []
    # Deleting last: the objects are still there for the other addresses.
    for name in sorted(RULES, key=lambda name: (name.endswith(("_delete", "_remove")), name)):
        method, allowed = RULES[name]
        url = url_for(name, objects)
        # A POST may use its object up: one allowed role is enough to try.
        tried = [role for role in people if role not in allowed]
        tried += [role for role in people if role in allowed][: 1 if method == "post" else None]
        for role in tried:
            as_(client, people[role])
            status = getattr(client, method)(url).status_code
            if (status in (403, 404)) == (role in allowed):
                wrong.append((name, method, role, status))
    assert wrong == [], wrong


def _translate(client, post, language):
    post = Post.objects.get(pk=post.pk)
    data = form(title=post.title, body=post.body, version=str(post.version))
    return client.post(f"/studio/posts/{post.pk}/", data | {"action": f"translate:{language}"})


def test_an_author_translates_only_what_they_may_change(client, people):
    from grassroots.blog.editing import author_for_user

    others = make_post(title="Editor's", status=Post.Status.DRAFT)
    own = make_post(title="Mine", authors=[author_for_user(user=people["Author"])])
    as_(client, people["Author"])
    assert _translate(client, others, "ru").status_code == 404
    assert _translate(client, own, "ru").status_code == 302
    translation = Post.objects.get(language="ru")
    assert translation.translation_of == own
    assert translation.authors.get().user == people["Author"]
    as_(client, people["Moderator"])
    assert _translate(client, own, "kk").status_code == 404  # no posts of theirs to see
    assert not Post.objects.filter(language="kk").exists()


def test_a_contributors_translation_is_a_draft_that_goes_through_review(client, people):
    from grassroots.blog.editing import author_for_user

    own = make_post(title="Mine", authors=[author_for_user(user=people["Contributor"])])
    as_(client, people["Contributor"])
    assert _translate(client, own, "kk").status_code == 302
    draft = Post.objects.get(language="kk")
    assert draft.state == "draft"
    data = form(title="Менікі", body="x", language="kk", version=str(draft.version))
    assert (
        client.post(f"/studio/posts/{draft.pk}/", data | {"action": "publish"}).status_code == 403
    )
    client.post(f"/studio/posts/{draft.pk}/", data | {"action": "submit"})
    draft.refresh_from_db()
    assert draft.review_state == "submitted" and draft.state == "draft"


def test_only_people_who_may_add_pages_translate_them(client, people):
    from grassroots.blog import pages
    from grassroots.blog.models import Page

    about = pages.page_create(title="About us", body="We are.")
    data = {"title": "About us", "slug": "about-us", "body": "We.", "language": ""}
    data |= {"version": str(about.version), "action": "translate:ru"}
    for role in ("Author", "Contributor", "Moderator"):
        assert as_(client, people[role]).post(f"/studio/pages/{about.pk}/", data).status_code == 403
    as_(client, people["Editor"]).post(f"/studio/pages/{about.pk}/", data)
    assert Page.objects.get(language="ru").translation_of == about
