from django.contrib import admin
from django.urls import include, path, re_path

from grassroots.core import views as core_views

handler404 = "grassroots.core.views.page_not_found"
handler500 = "grassroots.core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    re_path(r"^media/(?P<path>.+)$", core_views.media, name="media"),
    path("comments/", include("grassroots.comments.urls")),
    path("photos/", include("grassroots.photos.urls")),
    path("", include("grassroots.blog.urls")),
]
