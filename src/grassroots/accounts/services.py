"""Writes about staff: invitations, joining, deactivation, ending sessions, password-reset
requests. Mail goes through the task queue after commit (accounts/tasks.py)."""

import hashlib
import secrets
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from grassroots.accounts import roles as role_rules
from grassroots.accounts.audit import audit_record
from grassroots.accounts.models import Invitation, StaffSession

INVITATION_HOURS = 72


def sessions_end_all(*, user, keep_session_key=None):
    """End every session of this person on any session backend; returns how many ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for row in StaffSession.objects.filter(user=user).exclude(session_key=keep_session_key or ""):
        store(session_key=row.session_key).delete()
        row.delete()
        ended += 1
    return ended


def token_hash(token):
    return hashlib.sha256((token or "").encode()).hexdigest()


def invitation_url(token):
    return settings.SITE_URL.rstrip("/") + reverse("accounts:join", args=[token])


@transaction.atomic
def staff_invite(*, email, roles, actor, send=True):
    """An invitation for `email` with `roles`; returns (invitation, link). The link is only
    ever known here and in the mail: the database keeps its hash."""
    email = get_user_model().objects.normalize_email(email.strip())
    roles = role_rules._clean_roles(roles)
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")})
    if get_user_model().objects.filter(email__iexact=email, is_active=True, is_staff=True).exists():
        raise ValidationError({"email": _("Someone on the staff already uses this address.")})
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        roles=roles,
        token_hash=token_hash(token),
        invited_by=actor,
        expires_at=timezone.now() + timedelta(hours=INVITATION_HOURS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=actor, action="staff.invite", target=invitation, detail=", ".join(sorted(roles))
    )
    link = invitation_url(token)
    if send:
        from grassroots.accounts import tasks

        transaction.on_commit(lambda: tasks.send_invitation.enqueue(invitation.pk, link))
    return invitation, link


def invitation_for_token(token):
    """The usable invitation for this link, or None (unknown, used or expired alike)."""
    invitation = Invitation.objects.filter(token_hash=token_hash(token)).first()
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


@transaction.atomic
def invitation_accept(*, token, username, password):
    """Make the staff account. Single use: a second try with the same link gets None."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if invitation is None or not invitation.is_usable:
        return None
    user = get_user_model()(username=username, email=invitation.email, is_staff=True)
    user.set_password(password)
    user.full_clean()
    user.save()
    role_rules.role_assign(user=user, roles=invitation.roles, actor=invitation.invited_by)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    audit_record(actor=user, action="staff.join", target=user, detail=", ".join(invitation.roles))
    return user


@transaction.atomic
def staff_deactivate(*, user, actor):
    """No more sign-ins, and every open session ends at once."""
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("You cannot deactivate yourself."))
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end_all(user=user)
    audit_record(actor=actor, action="staff.deactivate", target=user)
    return user


@transaction.atomic
def staff_reactivate(*, user, actor):
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(actor=actor, action="staff.reactivate", target=user)
    return user


def staff_set_roles(*, user, roles, actor):
    if user.pk == getattr(actor, "pk", None) and role_rules.ADMINISTRATOR not in roles:
        raise ValidationError(_("You cannot take the Administrator role from yourself."))
    return role_rules.role_assign(user=user, roles=roles, actor=actor)


# --- password reset --------------------------------------------------------------------

RESET_PER_ADDRESS = 3  # per hour
RESET_PER_NETWORK = 10


def _over_limit(key, limit):
    cache.add(key, 0, 3600)
    try:
        return cache.incr(key) > limit
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        return False


def password_reset_request(*, email, network):
    """Queue a reset mail for active staff with this address. The caller answers the same
    whether or not such a person exists; the work here is the same too (a hash and a queued
    task), and the lookup happens in the task."""
    email = (email or "").strip().lower()
    address_key = "reset:addr:" + salted_hmac("grassroots.accounts.reset", email).hexdigest()
    network_key = "reset:net:" + (network or "none")
    # Both counters always move, so a limit reached tells nothing about the address.
    over_address = _over_limit(address_key, RESET_PER_ADDRESS)
    over_network = _over_limit(network_key, RESET_PER_NETWORK)
    if over_address or over_network:
        return False
    from grassroots.accounts import tasks

    transaction.on_commit(lambda: tasks.send_password_reset.enqueue(email))
    return True
