"""Sign-ins and sign-outs go into the audit log, and each staff session is remembered so
"sign out everywhere" and deactivation can end them all."""

from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.core.cache import cache
from django.dispatch import receiver

from grassroots.accounts.audit import audit_purge, audit_record
from grassroots.accounts.models import StaffSession


@receiver(user_logged_in, dispatch_uid="grassroots-audit-login")
def _logged_in(sender, request, user, **kwargs):
    if not user.is_staff:
        return
    audit_record(actor=user, action="login", target=user)
    purge_now_and_then()
    session = getattr(request, "session", None)
    if session is not None:
        if session.session_key is None:
            session.save()
        StaffSession.objects.get_or_create(session_key=session.session_key, user=user)


@receiver(user_logged_out, dispatch_uid="grassroots-audit-logout")
def _logged_out(sender, request, user, **kwargs):
    if user is None or not user.is_staff:
        return
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        StaffSession.objects.filter(session_key=session.session_key).delete()


def purge_now_and_then():
    """Old audit entries go at the first staff sign-in of each day: no cron needed."""
    if cache.add("grassroots:audit-purge", 1, 86400):
        audit_purge()
