from django.urls import path

from grassroots.followers import views

app_name = "followers"

urlpatterns = [
    path("", views.follow, name="follow"),
    path("list/", views.subscriber_list, name="subscriber_list"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
