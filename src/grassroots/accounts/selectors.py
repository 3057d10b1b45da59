"""Reads for the staff and audit pages."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.utils import timezone

from grassroots.accounts.models import AuditEntry, Invitation
from grassroots.accounts.roles import ROLES


def staff_list():
    from django.contrib.auth.models import Group

    groups = Prefetch("groups", queryset=Group.objects.filter(name__in=ROLES))
    return (
        get_user_model()
        .objects.filter(is_staff=True)
        .prefetch_related(groups)
        .order_by("-is_active", "username")
    )


def invitations_open():
    return Invitation.objects.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


def _day_start(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(*, person="", action="", since=None, until=None):
    entries = AuditEntry.objects.all()
    if person:
        entries = entries.filter(actor_name__iexact=person.strip())
    if action:
        entries = entries.filter(action=action)
    if since:
        entries = entries.filter(at__gte=_day_start(since))
    if until:
        entries = entries.filter(at__lt=_day_start(until + timedelta(days=1)))
    return entries


def audit_action_codes():
    return list(AuditEntry.objects.order_by().values_list("action", flat=True).distinct())
