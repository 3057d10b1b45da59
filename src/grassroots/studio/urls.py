from django.urls import include, path

from grassroots.studio.views import editor_photos, home, pages, posts, preview, review, revisions

app_name = "studio"

urlpatterns = [
    *home.urls,
    *posts.urls,
    *preview.urls,
    *revisions.urls,
    *review.urls,
    *editor_photos.urls,
    *pages.urls,
    path("", include("grassroots.studio.urls_moderation")),
    path("", include("grassroots.studio.urls_photos")),
]
