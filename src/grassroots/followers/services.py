"""Following by email: requests, confirmation, leaving, and the mailings that carry new
posts and weekly digests. Mail goes through django-tasks after the commit; a mailing is a
row per recipient, sent in batches and marked one by one, so a crash resumes where it
stopped and nobody gets a post twice (at most the one being sent at the crash)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from grassroots.blog.models import Post
from grassroots.core import personal
from grassroots.core.mail import mail_files_delete
from grassroots.followers import mail, tasks
from grassroots.followers.models import Delivery, Mailing, Subscriber

log = logging.getLogger(__name__)
RECENT = timedelta(days=2)  # older posts (imports, back-dated) are never mailed
DAY = 24 * 3600


def _enqueue(task, *args):
    """After the commit, and never able to break what was just saved."""

    def enqueue():
        try:
            task.enqueue(*args)
        except Exception as error:
            log.warning("followers task not queued (%s)", type(error).__name__)

    transaction.on_commit(enqueue)


def _within_cap(name, key, limit):
    """At most `limit` per address per day (0: no limit), counted in the shared cache."""
    if limit <= 0:
        return True
    counter = f"followers:{name}:{key}"
    cache.add(counter, 0, timeout=DAY)
    try:
        return cache.incr(counter) <= limit
    except ValueError:  # expired between add and incr
        cache.set(counter, 1, timeout=DAY)
        return True


def subscriber_request(*, email, language, frequency):
    """Mail a confirmation link; the reader sees the same page whether or not the address
    follows already or went over its daily cap, so nobody learns who follows."""
    key = personal.email_key(email)
    if not _within_cap("requests", key, settings.GRASSROOTS_FOLLOWERS_RATE_EMAIL):
        return False
    _enqueue(tasks.send_confirmation, email, language, frequency)
    return True


@transaction.atomic
def subscriber_confirm(*, email, language, frequency):
    """The owner of the address said yes: follow (or change language and frequency)."""
    subscriber = Subscriber.objects.filter(email_key=personal.email_key(email)).first()
    subscriber = subscriber or Subscriber(email=email, email_key=personal.email_key(email))
    subscriber.email, subscriber.language, subscriber.frequency = email, language, frequency
    subscriber.confirmed_at = timezone.now()
    subscriber.full_clean()
    subscriber.save()
    return subscriber


def subscriber_unsubscribe(*, subscriber_id, secret):
    """One click: the follower and every trace of them are deleted, the mail files kept
    for them included (they hold the address). False for a stale link."""
    keys = list(Subscriber.objects.filter(pk=subscriber_id).values_list("email_key", flat=True))
    if not Subscriber.objects.filter(pk=subscriber_id, secret=secret).delete()[0]:
        return False
    transaction.on_commit(
        lambda: mail_files_delete(addressed_to=lambda a: personal.email_key(a) in keys)
    )
    return True


def subscriber_holds(key):
    return Subscriber.objects.filter(email_key=key).exists()


def subscriber_export(key):
    return [
        {
            "email": s.email,
            "language": s.language,
            "frequency": s.frequency,
            "confirmed": s.confirmed_at.isoformat(),
            "last_digest": s.last_digest_at.isoformat() if s.last_digest_at else None,
        }
        for s in Subscriber.objects.filter(email_key=key)
    ]


def subscriber_erase(key):
    return Subscriber.objects.filter(email_key=key).delete()[1].get("followers.Subscriber", 0)


def post_saved(instance, **kwargs):
    if instance.status == Post.Status.PUBLISHED:
        _enqueue(tasks.dispatch)


def _new_mailing(*, subscribers, **fields):
    """A mailing and its deliveries, or None when another worker made it first."""
    try:
        with transaction.atomic():
            mailing = Mailing.objects.create(**fields)
    except IntegrityError:
        return None
    ids = subscribers.values_list("pk", flat=True).iterator(chunk_size=2000)
    batch = []
    for pk in ids:
        batch.append(Delivery(mailing=mailing, subscriber_id=pk))
        if len(batch) >= 2000:
            Delivery.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Delivery.objects.bulk_create(batch, ignore_conflicts=True)
    _enqueue(tasks.send_mailing, mailing.pk)
    return mailing


def mailing_dispatch(*, now=None):
    """New public posts become mailings for their language's followers; once a week, a
    digest for those who chose one. Run after every publish and by `grassroots followers
    send` (cron), which also catches scheduled posts whose time came."""
    now = now or timezone.now()
    made = []
    posts = Post.objects.public(now=now).filter(published_at__gte=now - RECENT, mailing=None)
    for post in posts:
        each = Subscriber.objects.filter(
            frequency=Subscriber.Frequency.EACH, language=post.content_language
        )
        made.append(_new_mailing(subscribers=each, post=post))
    year, week, _day = timezone.localtime(now).isocalendar()
    weekly = Subscriber.objects.filter(frequency=Subscriber.Frequency.WEEKLY)
    if weekly.exists() and not Mailing.objects.filter(digest_week=f"{year}-W{week:02d}"):
        made.append(_new_mailing(subscribers=weekly, digest_week=f"{year}-W{week:02d}"))
    return [m for m in made if m is not None]


def _digest_posts(subscriber, now):
    since = max(subscriber.last_digest_at or subscriber.confirmed_at, now - timedelta(days=7))
    posts = Post.objects.public(now=now).filter(published_at__gte=since).order_by("published_at")
    return [p for p in posts.select_related("cover") if p.content_language == subscriber.language]


def _deliver(delivery, now):
    subscriber, mailing = delivery.subscriber, delivery.mailing
    cap = settings.GRASSROOTS_FOLLOWERS_MAILS_PER_DAY
    if mailing.digest_week:
        posts = _digest_posts(subscriber, now)
        Subscriber.objects.filter(pk=subscriber.pk).update(last_digest_at=now)
        if not posts:
            return False
        message = mail.digest_message(subscriber, posts)
    else:
        message = mail.post_message(subscriber, mailing.post)
    if not _within_cap("mails", subscriber.email_key, cap):
        return False
    message.send()
    return True


def mailing_send(*, mailing_id, batch=None):
    """Send the next batch of a mailing; True while more remain (the task queues itself
    again, so one mailing never holds a worker for long)."""
    batch = batch or settings.GRASSROOTS_FOLLOWERS_BATCH
    mailing = Mailing.objects.select_related("post").filter(pk=mailing_id).first()
    if mailing is None or mailing.finished_at:
        return False
    pending = (
        Delivery.objects.filter(mailing=mailing, sent_at=None)
        .select_related("subscriber")
        .order_by("pk")[:batch]
    )
    now = timezone.now()
    for delivery in pending:
        delivery.mailing = mailing
        try:
            sent = _deliver(delivery, now)
        except Exception as error:  # one bad address must not stop the others
            log.warning("followers mail not sent (%s)", type(error).__name__)
            sent = False
        Delivery.objects.filter(pk=delivery.pk).update(sent_at=timezone.now(), skipped=not sent)
    if Delivery.objects.filter(mailing=mailing, sent_at=None).exists():
        return True
    Mailing.objects.filter(pk=mailing.pk).update(finished_at=timezone.now())
    return False


def mailing_resume():
    """Queue every unfinished mailing again (after a crash); returns how many."""
    unfinished = list(Mailing.objects.filter(finished_at=None).values_list("pk", flat=True))
    for pk in unfinished:
        tasks.send_mailing.enqueue(pk)
    return len(unfinished)
