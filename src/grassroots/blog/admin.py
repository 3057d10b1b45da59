from django.contrib import admin

from grassroots.blog.models import Blog


@admin.register(Blog)
class BlogAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["organisation_name", "organisation_url", "title", "tagline"]}),
        ("Language and time", {"fields": ["language", "time_zone"]}),
        (
            "Comments",
            {
                "fields": [
                    "comment_policy",
                    "comments_close_after_days",
                    "commenter_email_retention_days",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        # A singleton: the admin offers to edit the one row, never to add a second.
        return not Blog.objects.exists() and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return False
