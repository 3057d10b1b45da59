"""Every role against every action on posts, through the services (the last line of
defence) and through HTTP with ids of other people's posts."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from grassroots.accounts.models import AuditEntry
from grassroots.accounts.roles import ADMINISTRATOR, AUTHOR, CONTRIBUTOR, EDITOR, MODERATOR
from grassroots.blog import access, services
from grassroots.blog.models import Author, Post
from tests.factories import make_author, make_blog, make_post, make_staff

pytestmark = pytest.mark.django_db

ALLOW, DENY = True, False

ACTIONS = {
    "see own draft": lambda me, own, other: access.post_get_for_user(user=me, pk=own.pk),
    "see other's draft": lambda me, own, other: access.post_get_for_user(user=me, pk=other.pk),
    "edit own draft": lambda me, own, other: services.post_update(
        post=own, actor=me, body="Better words."
    ),
    "edit other's draft": lambda me, own, other: services.post_update(
        post=other, actor=me, body="Better words."
    ),
    "publish own": lambda me, own, other: services.post_publish(post=own, actor=me),
    "publish other's": lambda me, own, other: services.post_publish(post=other, actor=me),
    "delete own": lambda me, own, other: services.post_delete(post=own, actor=me),
    "delete other's": lambda me, own, other: services.post_delete(post=other, actor=me),
    "create a draft": lambda me, own, other: services.post_create(
        title="New", body="Text", authors=[me.author], actor=me
    ),
    "create published": lambda me, own, other: services.post_create(
        title="New", body="Text", authors=[me.author], actor=me, status=Post.Status.PUBLISHED
    ),
}

TABLE = {
    #                      Editor Author Contributor Moderator
    "see own draft": (ALLOW, ALLOW, ALLOW, DENY),
    "see other's draft": (ALLOW, DENY, DENY, DENY),
    "edit own draft": (ALLOW, ALLOW, ALLOW, DENY),
    "edit other's draft": (ALLOW, DENY, DENY, DENY),
    "publish own": (ALLOW, ALLOW, DENY, DENY),
    "publish other's": (ALLOW, DENY, DENY, DENY),
    "delete own": (ALLOW, DENY, DENY, DENY),
    "delete other's": (ALLOW, DENY, DENY, DENY),
    "create a draft": (ALLOW, ALLOW, ALLOW, DENY),
    "create published": (ALLOW, ALLOW, DENY, DENY),
}
ROLE_COLUMNS = (EDITOR, AUTHOR, CONTRIBUTOR, MODERATOR)
CASES = [
    (role, action, TABLE[action][column])
    for action in TABLE
    for column, role in enumerate(ROLE_COLUMNS)
]


@pytest.mark.parametrize(("role", "action", "allowed"), CASES)
def test_role_against_action_through_services(role, action, allowed):
    make_blog()
    me = make_staff(role)
    someone = make_staff(AUTHOR, username="someone")
    own = make_post(title="Mine", authors=[me.author], status=Post.Status.DRAFT)
    other = make_post(title="Theirs", authors=[someone.author], status=Post.Status.DRAFT)
    if allowed:
        ACTIONS[action](me, own, other)
    else:
        with pytest.raises((PermissionDenied, Http404)):
            ACTIONS[action](me, own, other)
        assert set(Post.objects.values_list("title", "status")) == {
            ("Mine", "draft"),
            ("Theirs", "draft"),
        }


@pytest.mark.parametrize("field", ["status", "published_at", "slug"])
def test_a_contributor_cannot_move_a_published_post(field):
    from datetime import timedelta

    from django.utils import timezone

    make_blog()
    me = make_staff(CONTRIBUTOR)
    post = make_post(title="Out there", authors=[me.author])
    value = {
        "status": Post.Status.DRAFT,
        "published_at": timezone.now() + timedelta(days=3),
        "slug": "new-address",
    }[field]
    with pytest.raises(PermissionDenied):
        services.post_update(post=post, actor=me, **{field: value})
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.slug == "out-there"
    # Fixing a typo in the text of their own published post is still theirs to do.
    services.post_update(post=post, actor=me, body="Fixed a typo.")


def test_an_author_cannot_drop_themselves_from_the_byline():
    make_blog()
    me = make_staff(AUTHOR)
    post = make_post(title="Mine", authors=[me.author], status=Post.Status.DRAFT)
    pen_name = make_author(display_name="A. Nonymous", slug="pen")
    with pytest.raises(PermissionDenied):
        services.post_update(post=post, actor=me, authors=[pen_name])
    services.post_update(post=post, actor=me, authors=[me.author, pen_name])
    assert post.authors.count() == 2


def test_pen_name_bylines_keep_working_without_an_actor():
    make_blog()
    pen = make_author(display_name="River Voice", slug="river-voice")
    assert pen.user is None
    post = make_post(title="Anonymous report", authors=[pen])
    services.post_update(post=post, body="Updated.")
    editor = make_staff(EDITOR)
    assert access.post_list_for_user(user=editor).filter(pk=post.pk).exists()


def test_the_studio_list_shows_an_author_only_their_posts():
    make_blog()
    me, someone = make_staff(AUTHOR), make_staff(AUTHOR, username="someone")
    mine = make_post(title="Mine", authors=[me.author, someone.author])
    make_post(title="Theirs", authors=[someone.author])
    assert list(access.post_list_for_user(user=me)) == [mine]
    assert access.post_list_for_user(user=make_staff(MODERATOR)).count() == 0
    assert access.post_list_for_user(user=make_staff(EDITOR)).count() == 2


def test_publishing_unpublishing_and_deleting_are_audited():
    make_blog()
    editor = make_staff(EDITOR)
    post = make_post(title="Report", authors=[editor.author], status=Post.Status.DRAFT)
    services.post_publish(post=post, actor=editor)
    services.post_unpublish(post=post, actor=editor)
    services.post_delete(post=post, actor=editor)
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", "actor_name"))
    assert actions[-3:] == [
        ("post.publish", editor.username),
        ("post.unpublish", editor.username),
        ("post.delete", editor.username),
    ]


@pytest.mark.parametrize(
    ("role", "status"), [(ADMINISTRATOR, 200), (EDITOR, 403), (AUTHOR, 403), (CONTRIBUTOR, 403)]
)
def test_an_admin_change_page_of_someone_elses_post_is_administrators_only(client, role, status):
    make_blog()
    other = make_post(title="Theirs", authors=[Author.objects.create(display_name="X", slug="x")])
    client.force_login(make_staff(role))
    response = client.get(f"/admin/blog/post/{other.pk}/change/", follow=True)
    assert response.status_code == status
    response = client.post(f"/admin/blog/post/{other.pk}/delete/", {"post": "yes"}, follow=True)
    assert Post.objects.filter(pk=other.pk).exists() is (role != ADMINISTRATOR)
