"""Preview as a reader, the live preview beside the editor, and private preview links."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_POST, require_safe

from grassroots.blog import access
from grassroots.blog.selectors import blog_identity
from grassroots.core.text import markdown_to_html
from grassroots.studio import previews, writing
from grassroots.studio.access import staff_required

MAX_PREVIEW_CHARS = 200_000


def _as_reader(request, post, *, shared=False):
    blog = blog_identity()
    post = previews.as_readers_will_see(post)
    # Exactly what readers get: the blog's language and time zone; only the preview banner
    # above the post is in the language of the person previewing.
    context = {
        "post": post,
        "preview": True,
        "shared_preview": shared,
        "staff_language": translation.get_language(),
    }
    with translation.override(blog.language), timezone.override(blog.time_zone):
        response = render(request, "blog/post_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
@staff_required
def post_preview(request, pk):
    return _as_reader(request, access.post_get_for_user(user=request.user, pk=pk))


@require_POST
@staff_required
def live_preview(request):
    """editor.js sends the text as it is typed: the same HTML the public page will show."""
    body = request.POST.get("body", "")[:MAX_PREVIEW_CHARS]
    title = request.POST.get("title", "")
    counts = writing.counts(body)
    return JsonResponse(
        {
            "html": markdown_to_html(body),
            "checks": writing.checks(title=title, body=body),
            **counts,
            "counts": writing.counts_label(counts),
        }
    )


@require_POST
@staff_required
def post_share(request, pk):
    if not request.user.has_perm("blog.edit_others_post"):
        raise PermissionDenied
    post = access.post_get_for_user(user=request.user, pk=pk)
    link = request.build_absolute_uri(
        reverse("studio:shared_preview", args=[previews.share_token(post)])
    )
    messages.info(request, link, extra_tags="share-link")
    return redirect("studio:post_edit", post.pk)


@require_safe
def shared_preview(request, token):
    post = previews.post_for_token(token)
    if post is None:
        raise Http404
    return _as_reader(request, post, shared=True)


urls = [
    path("posts/<int:pk>/preview/", post_preview, name="post_preview"),
    path("posts/<int:pk>/share/", post_share, name="post_share"),
    path("preview/", live_preview, name="live_preview"),
    path("shared/<str:token>/", shared_preview, name="shared_preview"),
]
