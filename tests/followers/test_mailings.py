"""Mailings to many followers: batched, resumable after a crash without sending twice, never
in the way of publishing; the weekly digest; the privacy flow and who may see the list."""

import datetime
import json
import re

import pytest
from django.core import mail
from django.utils import timezone

from grassroots.comments import services as comment_services
from grassroots.followers import services
from grassroots.followers.models import Delivery, Mailing, Subscriber
from tests.factories import make_blog, make_post

pytestmark = pytest.mark.django_db


def followers(count, **fields):
    return [
        services.subscriber_confirm(
            email=f"reader{n}@example.org", **({"language": "en", "frequency": "each"} | fields)
        )
        for n in range(count)
    ]


def test_a_mailing_goes_out_in_batches_and_resumes_after_a_crash(settings):
    settings.GRASSROOTS_FOLLOWERS_BATCH = 2
    make_blog()
    followers(5)
    post = make_post(title="Big news")  # no on_commit here: the tasks do not run by themselves
    (mailing,) = services.mailing_dispatch()
    assert mailing.post == post and mailing.deliveries.count() == 5
    assert services.mailing_send(mailing_id=mailing.pk) is True  # one batch, then the "crash"
    assert len(mail.outbox) == 2
    assert services.mailing_resume() == 1  # the immediate backend runs the queued task now
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{n}@example.org" for n in range(5)]
    assert Mailing.objects.get().finished_at is not None
    assert services.mailing_dispatch() == []  # a post is mailed once
    assert services.mailing_resume() == 0


def test_publishing_does_not_fail_when_mail_cannot_be_sent(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "grassroots.no.such.Backend"
    make_blog()
    followers(2)
    with django_capture_on_commit_callbacks(execute=True):
        post = make_post(title="Still published")
    assert post.is_public
    assert Delivery.objects.filter(sent_at__isnull=False, skipped=True).count() == 2


def test_an_address_gets_at_most_its_daily_cap_of_post_mails(settings):
    settings.GRASSROOTS_FOLLOWERS_MAILS_PER_DAY = 2
    make_blog()
    followers(1)
    for n in range(3):
        make_post(title=f"Post {n}")
    for mailing in services.mailing_dispatch():
        services.mailing_send(mailing_id=mailing.pk)
    assert len(mail.outbox) == 2


def test_the_weekly_digest_lists_the_weeks_posts_in_one_mail():
    make_blog()
    followers(1, frequency="weekly")
    Subscriber.objects.update(confirmed_at=timezone.now() - datetime.timedelta(days=3))
    make_post(title="Monday story")
    make_post(title="Friday story")
    (digest_mailing,) = [m for m in services.mailing_dispatch() if m.digest_week]
    for mailing in Mailing.objects.all():
        services.mailing_send(mailing_id=mailing.pk)
    (digest,) = mail.outbox
    assert "Monday story" in digest.body and "Friday story" in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert services.mailing_dispatch() == []  # one digest a week
    assert digest_mailing.deliveries.get().sent_at is not None


def privacy_link(jobs, action):
    """The link the privacy flow mails to the address (comments/privacy_views.py)."""
    comment_services.privacy_request_create(email="reader0@example.org", action=action)
    jobs()
    return re.search(r"http://127.0.0.1:8000(/comments/privacy/\S+/)", mail.outbox[-1].body)[1]


def test_the_privacy_flow_mails_a_follower_then_exports_and_erases_them(client, jobs):
    make_blog()
    followers(1)  # no comments: following alone is enough to get the link
    path = privacy_link(jobs, "export")
    assert "also follows" in client.get(path).content.decode()
    data = json.loads(client.post(path).content)
    assert data["followers"][0]["email"] == "reader0@example.org"
    client.post(privacy_link(jobs, "erase"))
    assert Subscriber.objects.count() == 0


def test_a_mailing_runs_on_the_real_task_queue(jobs):
    make_blog()
    followers(3)
    make_post(title="Queued news")
    jobs()  # the publish queued the dispatch, which made the mailing and queued its sending
    assert mail.outbox == [] and Delivery.objects.count() == 3
    jobs()  # the worker sends it
    assert sorted(m.to[0] for m in mail.outbox) == [f"reader{n}@example.org" for n in range(3)]


def test_only_staff_with_the_permission_see_the_list(client, django_user_model):
    from django.contrib.auth.models import Permission

    make_blog()
    followers(1)
    staff = django_user_model.objects.create_user("editor", password="x" * 20, is_staff=True)
    client.force_login(staff)
    assert client.get("/followers/list/").status_code == 403
    staff.user_permissions.add(Permission.objects.get(codename="view_subscriber"))
    staff = django_user_model.objects.get(pk=staff.pk)  # permissions are cached per object
    client.force_login(staff)
    response = client.get("/followers/list/")
    assert response.status_code == 200 and "reader0@example.org" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get("/followers/list/").status_code == 302
    assert "reader0@example.org" not in client.get("/followers/").content.decode()
