"""What the staff mails say. Written in the blog's language; links point at SITE_URL."""

import logging

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from grassroots.accounts.models import Invitation
from grassroots.accounts.roles import role_label

log = logging.getLogger(__name__)


class _Identity:
    title = "Grassroots"
    language = settings.LANGUAGE_CODE


def _blog():
    # The blog app sits above accounts (DESIGN.md section 3): read its identity row by model
    # name instead of importing it.
    return apps.get_model("blog", "Blog").objects.first() or _Identity()


def _send(subject, template, context, to):
    blog = _blog()
    with translation.override(blog.language):
        body = render_to_string(template, {"blog": blog, **context})
        EmailMessage(subject=str(subject)[:180], body=body, to=[to]).send()


def send_invitation(invitation_id, link):
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return
    blog = _blog()
    with translation.override(blog.language):
        subject = _("You are invited to write for %(blog)s") % {"blog": blog.title}
        roles = ", ".join(role_label(role) for role in invitation.roles)
    _send(subject, "accounts/mail/invitation.txt", {"link": link, "roles": roles}, invitation.email)


def send_password_reset(email):
    users = get_user_model().objects.filter(email__iexact=email, is_active=True, is_staff=True)
    blog = _blog()
    for user in users:
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        with translation.override(blog.language):
            subject = _("Choose a new password for %(blog)s") % {"blog": blog.title}
        context = {"link": settings.SITE_URL.rstrip("/") + path, "username": user.get_username()}
        _send(subject, "accounts/mail/password_reset.txt", context, user.email)
