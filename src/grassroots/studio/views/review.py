"""The Editors' list of drafts waiting for review. Publishing or returning happens in the
editor, where the Editor reads the post."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from grassroots.blog import review
from grassroots.studio.access import staff_required


@require_safe
@staff_required
def review_list(request):
    if not request.user.has_perm("blog.edit_others_post"):
        raise PermissionDenied
    return render(
        request, "studio/review_list.html", {"posts": review.post_list_waiting_for_review()}
    )


urls = [path("review/", review_list, name="review_list")]
