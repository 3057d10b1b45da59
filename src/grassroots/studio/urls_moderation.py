"""The moderation pages, included into the studio's urls (names: studio:comment_*)."""

from django.urls import path

from grassroots.studio import moderation

urlpatterns = [
    path("comments/", moderation.comment_queue, name="comment_queue"),
    path("comments/act/", moderation.comment_act, name="comment_act"),
    path("comments/<int:pk>/", moderation.comment_detail, name="comment_detail"),
    path("comments/<int:pk>/reply/", moderation.comment_reply, name="comment_reply"),
    path("comments/<int:pk>/email/", moderation.comment_email, name="comment_email"),
    path("comments/blocklist/", moderation.blocklist, name="blocklist"),
    path(
        "comments/blocklist/<int:pk>/remove/",
        moderation.blocklist_remove,
        name="blocklist_remove",
    ),
]
