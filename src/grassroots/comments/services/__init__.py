"""Writes to comments. Each write validates, saves atomically and keeps Post.comment_count
true; mail goes out only after the commit (notifications.py), and its failure never
undoes a comment."""

from grassroots.comments.services.moderation import (
    blocklist_add_networks,
    comment_approve,
    comment_edit_by_staff,
    comment_set_status,
    comment_spam,
    comment_trash,
)
from grassroots.comments.services.own import (
    can_edit,
    comment_delete_own,
    comment_edit_own,
    edit_secret_matches,
)
from grassroots.comments.services.privacy import (
    comment_emails_expire,
    comment_erase,
    comment_erase_by_key,
    comment_export,
    comment_export_by_key,
    comments_by_email,
    privacy_link_send,
    privacy_request_create,
    privacy_request_get,
    privacy_requests_expire,
    subscription_cancel,
    subscription_confirm,
)
from grassroots.comments.services.staff import (
    blocklist_add,
    blocklist_remove,
    comment_email_for_moderator,
    comment_reply_as_blog,
)
from grassroots.comments.services.submit import Submitted, comment_import, comment_submit

__all__ = [
    "Submitted",
    "blocklist_add",
    "blocklist_add_networks",
    "blocklist_remove",
    "can_edit",
    "comment_approve",
    "comment_delete_own",
    "comment_edit_by_staff",
    "comment_edit_own",
    "comment_email_for_moderator",
    "comment_emails_expire",
    "comment_erase",
    "comment_erase_by_key",
    "comment_export",
    "comment_export_by_key",
    "comment_import",
    "comment_reply_as_blog",
    "comment_set_status",
    "comment_spam",
    "comment_submit",
    "comment_trash",
    "comments_by_email",
    "edit_secret_matches",
    "privacy_link_send",
    "privacy_request_create",
    "privacy_request_get",
    "privacy_requests_expire",
    "subscription_cancel",
    "subscription_confirm",
]
