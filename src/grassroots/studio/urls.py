from django.urls import path

from grassroots.studio import views

app_name = "studio"

urlpatterns = [
    path("", views.home, name="home"),
]
