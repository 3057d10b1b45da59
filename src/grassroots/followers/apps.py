from django.apps import AppConfig


class FollowersConfig(AppConfig):
    name = "grassroots.followers"
    label = "followers"
    verbose_name = "Followers by email"

    def ready(self):
        from django.db.models.signals import post_save

        from grassroots.core import personal
        from grassroots.followers import services

        # A post saved as published (or due later) may be news for followers: looked at
        # after the commit, in the task queue, so publishing never waits for mail.
        post_save.connect(services.post_saved, sender="blog.Post", weak=False)
        personal.register_holder(
            "followers",
            holds=services.subscriber_holds,
            export=services.subscriber_export,
            erase=services.subscriber_erase,
        )
