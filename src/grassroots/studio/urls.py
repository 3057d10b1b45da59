from django.urls import include, path

from grassroots.studio import views

app_name = "studio"

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("grassroots.studio.urls_moderation")),
    path("", include("grassroots.studio.urls_photos")),
]
