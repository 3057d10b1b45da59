from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "grassroots.photos"
    label = "photos"

    def ready(self):
        from grassroots.core import text
        from grassroots.photos import markdown

        text.register_image_source("photo", markdown.render_image)
        text.register_fence("gallery", markdown.render_gallery)
        text.register_publish_check(markdown.publish_problems)
