from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from grassroots.studio import selectors
from grassroots.studio.access import staff_required


@require_safe
@staff_required
def home(request):
    return render(request, "studio/home.html", selectors.home_for_user(user=request.user))


@require_safe
@staff_required
def guide(request):
    return render(request, "studio/guide.html", {})


urls = [
    path("", home, name="home"),
    path("guide/", guide, name="guide"),
]
