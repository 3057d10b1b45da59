"""Followers, for the staff whose role has followers.view_subscriber (Administrators and
Editors): a list to read and delete from, never to add to (only the address's owner can)."""

from django.contrib import admin

from grassroots.followers.models import Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "language", "frequency", "confirmed_at"]
    list_filter = ["language", "frequency"]
    search_fields = ["email"]
    readonly_fields = ["email", "language", "frequency", "confirmed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
