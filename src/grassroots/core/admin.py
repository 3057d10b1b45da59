"""Failed background jobs (the dead-letter list): jobs that failed every retry, so a person
can see what did not happen (a mail not sent) and send them round again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from grassroots.core import tasks
from grassroots.core.models import FailedJob


@admin.register(FailedJob)
class FailedJobAdmin(admin.ModelAdmin):
    list_display = ("task_path", "finished_at", "exception_class_path", "attempts")
    ordering = ["-finished_at"]
    actions = ["send_again"]
    # The traceback names the exception type only (mail jobs raise a cleaned error), so no
    # commenter's address reaches this page; arguments are ids, never addresses.
    readonly_fields = ("task_path", "enqueued_at", "finished_at", "exception_class_path",
                       "traceback", "worker_ids")  # fmt: skip
    fields = readonly_fields

    def get_queryset(self, request):
        return tasks.dead_letters()

    @admin.display(description=_("attempts"))
    def attempts(self, job):
        return len(job.worker_ids)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request)

    @admin.action(description=_("Try the selected jobs again now"))
    def send_again(self, request, queryset):
        count = tasks.send_again(results=queryset)
        message = ngettext("%(count)d job goes round again.", "%(count)d jobs go round again.",
                           count) % {"count": count}  # fmt: skip
        self.message_user(request, message, messages.SUCCESS)
