import time
from datetime import timedelta

import pytest
from django.utils import timezone

from grassroots.accounts.audit import audit_purge, audit_record
from grassroots.accounts.models import AuditEntry
from grassroots.accounts.roles import EDITOR, MODERATOR
from grassroots.comments import guard
from grassroots.comments import services as comment_services
from tests.factories import make_blog, make_post, make_staff

pytestmark = pytest.mark.django_db


def test_an_entry_keeps_the_name_after_the_login_is_deleted():
    person = make_staff(EDITOR, byline=False)
    entry = audit_record(actor=person, action="post.publish", target=person, detail="x")
    person.delete()
    entry.refresh_from_db()
    assert entry.actor is None
    assert entry.actor_name == "editor"


def test_entries_older_than_the_retention_are_purged(settings):
    settings.GRASSROOTS_AUDIT_DAYS = 30
    old = audit_record(actor=None, action="login")
    AuditEntry.objects.filter(pk=old.pk).update(at=timezone.now() - timedelta(days=31))
    recent = audit_record(actor=None, action="login")
    assert audit_purge() == 1
    assert list(AuditEntry.objects.all()) == [recent]


def test_moderation_is_recorded_without_the_commenters_name_email_or_address():
    make_blog()
    post = make_post()
    comment = comment_services.comment_submit(
        post=post,
        name="Zhanna Secretname",
        email="zhanna@private.example",
        body="A thought.",
        token=guard.issue_token(post.pk, issued_at=time.time() - 60),
        ip=guard.client_ip_from("203.0.113.77"),
    ).comment
    moderator = make_staff(MODERATOR, byline=False)
    comment_services.comment_trash(comments=[comment], actor=moderator)
    comment_services.blocklist_add_networks(comments=[comment], actor=moderator)
    entries = AuditEntry.objects.filter(actor=moderator)
    assert {e.action for e in entries} == {"comment.trash", "blocklist.add"}
    text = " ".join(f"{e.target_label} {e.detail}" for e in entries)
    assert f"#{comment.pk}" in text
    for secret in ("Secretname", "zhanna", "203.0.113", comment.network):
        assert secret not in text


def test_photo_uploads_blurs_and_deletions_are_recorded():
    from grassroots.accounts.roles import AUTHOR
    from grassroots.photos import services as photo_services
    from tests.photos import corpus

    author = make_staff(AUTHOR, byline=False)
    photo = photo_services.photo_upload(data=corpus.phone_jpeg(), actor=author)
    photo_services.photo_blur(photo=photo, regions=[(10, 10, 50, 50)], actor=author)
    number = photo.pk
    photo_services.photo_delete(photo=photo, actor=author)
    entries = AuditEntry.objects.filter(actor=author).order_by("pk")
    assert [e.action for e in entries] == ["photo.upload", "photo.blur", "photo.delete"]
    assert {e.target_label for e in entries} == {f"#{number}"}


def test_every_action_the_code_records_has_words_on_the_audit_page():
    # Codes written as literals anywhere in the apps (services, views, the importer).
    import pathlib
    import re

    from grassroots.accounts.audit import ACTIONS

    source = "".join(p.read_text() for p in pathlib.Path("src/grassroots").rglob("*.py"))
    used = set(
        re.findall(r'"((?:post|page|photo|comment|blocklist|staff|transfer)\.[a-z_]+)"', source)
    )
    assert used, "the pattern found nothing"
    assert used <= set(ACTIONS), sorted(used - set(ACTIONS))
