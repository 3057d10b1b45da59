"""Mail for staff (invitations, password resets), sent by the task worker after commit so a
request never waits for the mail server."""

from django_tasks import task

from grassroots.accounts import mail


@task()
def send_invitation(invitation_id, link):
    mail.send_invitation(invitation_id, link)


@task()
def send_password_reset(email):
    mail.send_password_reset(email)
