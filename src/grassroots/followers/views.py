"""Following by email, for readers: no cookie is set (so no CSRF cookie either); the form is
checked to come from this site, and links in mail carry signed tokens. A GET never changes
anything (mail scanners follow links): a button POSTs, and mail programs POST for one-click
unsubscribe (RFC 8058)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from grassroots.accounts.decorators import permission_required
from grassroots.blog.selectors import blog_identity
from grassroots.followers import selectors, services, tokens
from grassroots.followers.forms import FollowForm


def _same_site(request):
    """Browsers send Origin with every POST; a form posted from another site is refused."""
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return request.headers.get("Sec-Fetch-Site", "same-origin") in {"same-origin", "none"}
    ours = {urlsplit(settings.SITE_URL).netloc, request.get_host()}
    return urlsplit(origin).netloc in ours


@csrf_exempt  # no cookie for readers; the same-site check stands in for the CSRF token
@require_http_methods(["GET", "POST"])
def follow(request):
    # The page speaks the language the reader came from (?language=ru from a Russian post)
    # or chose, and offers it first.
    chosen = request.POST.get("language") or request.GET.get("language")
    language = chosen if chosen in dict(settings.LANGUAGES) else blog_identity().language
    with translation.override(language):
        if request.method == "GET":
            form = FollowForm(initial={"language": language})
            return render(request, "followers/follow.html", {"form": form})
        form = FollowForm(request.POST)
        if not form.is_valid() or not _same_site(request):
            return render(request, "followers/follow.html", {"form": form}, status=400)
        services.subscriber_request(**form.cleaned_data)
        return render(request, "followers/sent.html")


@csrf_exempt  # the signed token in the link is the authority
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    request_data = tokens.read_confirm_token(token)
    if request_data is None:
        return render(request, "followers/link_invalid.html", status=400)
    email, language, frequency = request_data
    if request.method == "GET":
        return render(request, "followers/confirm.html", {"done": False})
    services.subscriber_confirm(email=email, language=language, frequency=frequency)
    return render(request, "followers/confirm.html", {"done": True})


@csrf_exempt  # one-click unsubscribe POSTs from mail programs, with no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    found = tokens.read_unsubscribe_token(token)
    if found is None:
        return render(request, "followers/link_invalid.html", status=400)
    if request.method == "GET":
        return render(request, "followers/unsubscribe.html", {"done": False})
    services.subscriber_unsubscribe(subscriber_id=found[0], secret=found[1])
    # The same answer for a link already used: the address is not followed either way.
    return render(request, "followers/unsubscribe.html", {"done": True})


@require_safe
@permission_required("followers.view_subscriber")
def subscriber_list(request):
    """Staff whose role may see followers (Administrators, Editors): never cached, never
    linked from a public page."""
    page = Paginator(selectors.subscriber_list(), 100).get_page(request.GET.get("page"))
    response = render(request, "followers/subscriber_list.html", {"page": page})
    response["Cache-Control"] = "private, no-store"
    return response
