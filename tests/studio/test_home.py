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


def test_the_home_counts_everything_waiting_not_only_what_it_lists(client):
    """The cards list ten posts at most; their counts are of all of them."""
    import datetime

    from django.utils import timezone

    from grassroots.blog import review
    from grassroots.blog.models import Post
    from tests.factories import make_post
    from tests.studio.roles import make_staff

    make_blog()
    editor = make_staff("Editor", "ed", email="ed@example.org")
    later = timezone.now() + datetime.timedelta(days=2)
    for n in range(12):
        draft = make_post(title=f"Draft {n}", slug=f"d-{n}", status=Post.Status.DRAFT)
        review.post_submit_for_review(post=draft, user=editor)
        make_post(title=f"Later {n}", slug=f"l-{n}", published_at=later)
    client.force_login(editor)
    html = client.get("/studio/").content.decode()
    assert 'Waiting for review <span class="count">12</span>' in html
    assert 'Scheduled <span class="count">12</span>' in html
