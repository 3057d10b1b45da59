"""Background jobs of the comments app, through django-tasks (Django 6's tasks API)."""

from django_tasks import task

from grassroots.comments import notifications


@task()
def send_comment_mail(kind, comment_id):
    notifications.send(kind, comment_id)


@task()
def send_privacy_mail(request_id):
    # Only the request's id travels through the queue: a database queue keeps its jobs'
    # arguments, and an address must not stay there.
    from grassroots.comments.services import privacy_link_send

    privacy_link_send(request_id=request_id)
