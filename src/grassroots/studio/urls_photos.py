"""The photo library pages, included into the studio's urls (names: studio:photo_*)."""

from django.urls import path

from grassroots.studio import photolib

urlpatterns = [
    path("photos/", photolib.photo_library, name="photo_library"),
]
