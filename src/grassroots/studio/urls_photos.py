"""The photo library pages, included into the studio's urls (names: studio:photo_*)."""

from django.urls import path

from grassroots.studio import photolib

urlpatterns = [
    path("photos/", photolib.photo_library, name="photo_library"),
    path("photos/upload/", photolib.photo_upload, name="photo_upload"),
    path("photos/describe/", photolib.photo_describe, name="photo_describe"),
    path("photos/<int:pk>/", photolib.photo_detail, name="photo_detail"),
    path("photos/<int:pk>/blur/", photolib.photo_blur, name="photo_blur"),
    path("photos/<int:pk>/replace/", photolib.photo_replace, name="photo_replace"),
    path("photos/<int:pk>/delete/", photolib.photo_delete, name="photo_delete"),
]
