import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from grassroots.accounts.models import AuditEntry
from grassroots.accounts.roles import (
    ADMINISTRATOR,
    AUTHOR,
    CONTRIBUTOR,
    EDITOR,
    MODERATOR,
    ROLES,
    role_assign,
    sync_role_permissions,
    user_has_role,
    user_roles,
)
from grassroots.blog.models import Post
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def test_the_five_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)


@pytest.mark.parametrize(
    ("role", "perm", "allowed"),
    [
        (EDITOR, "blog.publish_post", True),
        (EDITOR, "blog.edit_others_post", True),
        (EDITOR, "comments.moderate_comment", True),
        (EDITOR, "photos.delete_photo", True),
        (EDITOR, "accounts.manage_staff", False),
        (AUTHOR, "blog.publish_post", True),
        (AUTHOR, "blog.edit_others_post", False),
        (AUTHOR, "photos.add_photo", True),
        (AUTHOR, "comments.moderate_comment", False),
        (CONTRIBUTOR, "blog.add_post", True),
        (CONTRIBUTOR, "blog.publish_post", False),
        (CONTRIBUTOR, "photos.delete_photo", False),
        (MODERATOR, "comments.moderate_comment", True),
        (MODERATOR, "comments.add_blockedterm", True),
        (MODERATOR, "blog.view_post", False),
        (MODERATOR, "blog.change_post", False),
        (ADMINISTRATOR, "accounts.manage_staff", True),
        (ADMINISTRATOR, "accounts.view_auditentry", True),
        (ADMINISTRATOR, "blog.change_blog", True),
    ],
)
def test_each_role_carries_its_permissions(role, perm, allowed):
    user = make_staff(role, byline=False)
    assert user.has_perm(perm) is allowed


def test_a_permission_of_a_model_added_later_is_given_to_its_roles_on_sync():
    post_type = ContentType.objects.get_for_model(Post)
    Permission.objects.filter(codename="view_page").delete()
    Permission.objects.create(codename="view_page", name="Can view page", content_type=post_type)
    sync_role_permissions()
    editor, author = make_staff(EDITOR, byline=False), make_staff(AUTHOR, byline=False)
    assert editor.has_perm("blog.view_page")
    assert not author.has_perm("blog.view_page")


def test_a_superuser_counts_as_an_administrator(django_user_model):
    root = django_user_model.objects.create_superuser("root", "r@example.org", "x" * 16)
    assert user_roles(root) == {ADMINISTRATOR}
    assert user_has_role(root, ADMINISTRATOR, EDITOR)


def test_roles_can_be_combined_and_changes_are_audited(django_user_model):
    admin = make_staff(ADMINISTRATOR, byline=False)
    person = django_user_model.objects.create_user("dana", password="x" * 16)
    role_assign(user=person, roles=[AUTHOR, MODERATOR], actor=admin)
    person.refresh_from_db()
    assert person.is_staff
    assert user_roles(person) == {AUTHOR, MODERATOR}
    entry = AuditEntry.objects.get(action="staff.roles", target_id=str(person.pk))
    assert entry.actor == admin
    assert "Author, Moderator" in entry.detail


def test_an_unknown_role_is_refused(django_user_model):
    from django.core.exceptions import ValidationError

    person = django_user_model.objects.create_user("erin", password="x" * 16)
    with pytest.raises(ValidationError):
        role_assign(user=person, roles=["Owner"], actor=None)


@pytest.mark.parametrize(
    ("role", "status"), [(ADMINISTRATOR, 200), (EDITOR, 403), (AUTHOR, 403), (MODERATOR, 403)]
)
def test_only_administrators_open_the_django_admin(client, role, status):
    client.force_login(make_staff(role, byline=False))
    assert client.get("/admin/", follow=True).status_code == status


def test_the_django_admin_sends_visitors_to_the_studio_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    login = client.get(response["Location"], follow=True)
    assert login.request["PATH_INFO"] == "/studio/login/"
