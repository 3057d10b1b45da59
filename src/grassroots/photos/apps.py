from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "grassroots.photos"
    label = "photos"

    def ready(self):
        # Not imaging: Pillow, pillow-heif and numpy load only where photos are processed
        # (docs/performance.md, memory).
        from grassroots.core import text, views
        from grassroots.photos import limits, markdown

        text.register_image_source("photo", markdown.render_image)
        text.register_fence("gallery", markdown.render_gallery)
        text.register_publish_check(markdown.publish_problems)
        # Readers get renditions only; the full-size master stays for making new ones.
        views.register_private_media(limits.MASTER_PATTERN)
