from django.urls import path

from grassroots.comments import feeds, privacy_views, views

app_name = "comments"

urlpatterns = [
    path("post/<int:post_id>/", views.comment_create, name="post_comments"),
    path("<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("feed/", feeds.CommentFeed(), name="feed"),
    path("feed/atom/", feeds.AtomCommentFeed(), name="feed_atom"),
    path("feed/post/<int:post_id>/", feeds.CommentFeed(), name="post_feed"),
    path("feed/post/<int:post_id>/atom/", feeds.AtomCommentFeed(), name="post_feed_atom"),
    path("moderation/feed/", feeds.moderation_feed, name="moderation_feed"),
    path("privacy/", privacy_views.privacy_request, name="privacy_request"),
    path("privacy/<str:token>/", privacy_views.privacy_confirm, name="privacy_confirm"),
    path(
        "subscription/<str:token>/confirm/",
        privacy_views.subscription_confirm,
        name="subscription_confirm",
    ),
    path(
        "subscription/<str:token>/unsubscribe/",
        privacy_views.subscription_cancel,
        name="subscription_cancel",
    ),
]
