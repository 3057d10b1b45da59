"""Background jobs of the followers app, through django-tasks (Django 6's tasks API)."""

from django_tasks import task


@task()
def send_confirmation(email, language, frequency):
    from grassroots.followers import mail

    mail.confirmation_message(email=email, language=language, frequency=frequency).send()


@task()
def dispatch():
    from grassroots.followers import services

    services.mailing_dispatch()


@task()
def send_mailing(mailing_id):
    from grassroots.followers import services

    if services.mailing_send(mailing_id=mailing_id):
        send_mailing.enqueue(mailing_id)
