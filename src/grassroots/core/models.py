from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tasks_db.models import DBTaskResult


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class FailedJob(DBTaskResult):
    """A background job that failed every try (core.tasks): the admin's dead-letter list."""

    class Meta:
        proxy = True
        verbose_name = _("failed background job")
        verbose_name_plural = _("failed background jobs")
