from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "grassroots.comments"
    label = "comments"
