"""The moderation queue: newest first, with the post, the text and the rule that held each
comment; bulk approve / spam / trash / erase through the services. Emails and network
hashes are not shown: moderators decide on what was written."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from grassroots.accounts.audit import audit_record
from grassroots.comments import services
from grassroots.comments.models import BlockedTerm, Comment
from grassroots.comments.render import excerpt


def _audit_comments(request, action, comments):
    # By number only: no commenter's name or email goes into the audit log.
    label = ", ".join(f"#{c.pk}" for c in comments)[:300]
    audit_record(actor=request.user, action=action, label=label)


def _bulk(service, done_message):
    def action(modeladmin, request, queryset):
        count = service(comments=list(queryset))
        modeladmin.message_user(request, done_message(count), messages.SUCCESS)

    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["created_at", "status", "reason", "name", "post", "text_start"]
    list_filter = ["status", "reason", "created_at"]
    list_select_related = ["post"]
    search_fields = ["name", "body", "post__title"]
    ordering = ["-created_at", "-pk"]
    date_hierarchy = "created_at"
    actions = ["approve", "mark_spam", "move_to_trash", "block_network", "erase_commenter"]
    fields = ["post", "parent", "name", "website", "body", "status", "reason", "reason_detail"]
    readonly_fields = ["post", "parent", "name", "website", "reason", "reason_detail"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    @admin.display(description=_("comment"))
    def text_start(self, comment):
        return excerpt(comment.body, 120)

    def save_model(self, request, obj, form, change):
        # Edits by moderators go through the services so counts and mail stay right.
        if "status" in form.changed_data:
            new_status = obj.status
            obj.status = form.initial["status"]
            if "body" in form.changed_data:
                services.comment_edit_by_staff(comment=obj, body=obj.body, actor=request.user)
            services.comment_set_status(comments=[obj], status=new_status, actor=request.user)
        elif "body" in form.changed_data:
            services.comment_edit_by_staff(comment=obj, body=obj.body, actor=request.user)

    def delete_model(self, request, obj):
        _audit_comments(request, "comment.delete", [obj])
        services.comment_erase(comments=[obj], whole_commenter=False)

    def delete_queryset(self, request, queryset):
        _audit_comments(request, "comment.delete", list(queryset))
        services.comment_erase(comments=list(queryset), whole_commenter=False)

    @admin.action(description=_("Approve selected comments"), permissions=["change"])
    def approve(self, request, queryset):
        count = services.comment_approve(comments=list(queryset), actor=request.user)
        self.message_user(
            request, ngettext("%d comment approved.", "%d comments approved.", count) % count
        )

    @admin.action(description=_("Mark selected comments as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        count = services.comment_spam(comments=list(queryset), actor=request.user)
        self.message_user(
            request,
            ngettext("%d comment marked as spam.", "%d comments marked as spam.", count) % count,
        )

    @admin.action(description=_("Move selected comments to the trash"), permissions=["change"])
    def move_to_trash(self, request, queryset):
        count = services.comment_trash(comments=list(queryset), actor=request.user)
        self.message_user(
            request,
            ngettext("%d comment moved to the trash.", "%d comments moved to the trash.", count)
            % count,
        )

    @admin.action(
        description=_("Mark future comments from the networks of the selected ones as spam"),
        permissions=["change"],
    )
    def block_network(self, request, queryset):
        count = services.blocklist_add_networks(comments=list(queryset), actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%d network blocked until the network key rotates.",
                "%d networks blocked until the network key rotates.",
                count,
            )
            % count,
        )

    @admin.action(
        description=_("Erase every comment by the authors of the selected comments"),
        permissions=["delete"],
    )
    def erase_commenter(self, request, queryset):
        _audit_comments(request, "comment.erase", list(queryset))
        count = services.comment_erase(comments=list(queryset))
        self.message_user(
            request, ngettext("%d comment erased.", "%d comments erased.", count) % count
        )


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["kind", "value", "action", "note", "created_at"]
    list_filter = ["kind", "action"]
    search_fields = ["value", "note"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        _audit_blocklist(request, "blocklist.change" if change else "blocklist.add", obj)

    def delete_model(self, request, obj):
        _audit_blocklist(request, "blocklist.delete", obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            _audit_blocklist(request, "blocklist.delete", entry)
        super().delete_queryset(request, queryset)


def _audit_blocklist(request, action, entry):
    # The value may be someone's email or network: the log names the kind and number only.
    audit_record(actor=request.user, action=action, target=entry, label=f"{entry.kind} #{entry.pk}")
