from django.shortcuts import render
from django.views.decorators.http import require_safe

from grassroots.studio.access import staff_required


@require_safe
@staff_required
def home(request):
    return render(request, "studio/home.html", {})
