from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "grassroots.core"
    label = "core"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from grassroots.core import checks  # noqa: F401 (registers the system checks)
        from grassroots.core.pagecache import content_changed

        for signal in (post_save, post_delete, m2m_changed):
            signal.connect(content_changed, dispatch_uid=f"pagecache-{signal}")
