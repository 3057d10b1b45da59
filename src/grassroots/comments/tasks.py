"""Background jobs of the comments app, through django-tasks (Django 6's tasks API)."""

from django_tasks import task

from grassroots.comments import notifications


@task()
def send_comment_mail(kind, comment_id):
    notifications.send(kind, comment_id)
