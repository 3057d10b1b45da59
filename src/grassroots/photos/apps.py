from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "grassroots.photos"
    label = "photos"
