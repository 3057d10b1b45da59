"""Background jobs of the blog, through django-tasks (Django 6's tasks API)."""

from django_tasks import task


@task()
def send_review_mail(kind, post_id):
    from grassroots.blog import review_mail

    review_mail.send(kind, post_id)
