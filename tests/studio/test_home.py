import pytest

from tests.factories import make_blog

pytestmark = pytest.mark.django_db


def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get("/studio/")
    assert response.status_code == 302
    assert "next=/studio/" in response["Location"]


def test_a_signed_in_person_who_is_not_staff_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x" * 16)
    client.force_login(user)
    assert client.get("/studio/").status_code == 403


def test_staff_see_the_studio_under_the_blogs_own_name(admin_client):
    make_blog(title="Riverbank notes")
    html = admin_client.get("/studio/").content.decode()
    assert "Riverbank notes" in html
    assert "Django" not in html
