from django.contrib import admin
from django.urls import include, path, re_path
from django.views import defaults

from grassroots.core import views as core_views

handler404 = "grassroots.core.views.page_not_found"
# Django's bad_request runs the CSRF check, which reads a body that could not be read (a
# non-UTF-8 form) again and turns the 400 into a 500; the undecorated view does not.
handler400 = defaults.bad_request.__wrapped__
handler500 = "grassroots.core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    re_path(r"^media/(?P<path>.+)$", core_views.media, name="media"),
    path("studio/", include("grassroots.accounts.urls")),
    path("studio/", include("grassroots.studio.urls")),
    path("comments/", include("grassroots.comments.urls")),
    path("followers/", include("grassroots.followers.urls")),
    path("", include("grassroots.blog.urls")),
]
