import datetime
import re
import zoneinfo

from django.conf import settings
from django.core.paginator import EmptyPage, InvalidPage, Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from grassroots.blog import pages, search, selectors
from grassroots.blog.cachetags import shown, year_list

PER_PAGE = 10
PAGE_NUMBER = re.compile(r"[1-9][0-9]{0,5}")


def paginate(request, queryset, *, per_page=PER_PAGE):
    """The page named by ?page=N. Anything else (abc, 0, past the end) is a 404, so every
    listing has exactly one crawlable address per page."""
    raw = request.GET.get("page", "1")
    # ASCII digits with no leading zero: "02" or a full-width "２" would be a second address.
    if not PAGE_NUMBER.fullmatch(raw):
        raise Http404(_("There is no such page."))
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(int(raw))
    except (EmptyPage, InvalidPage):
        raise Http404(_("There is no such page.")) from None


def _zone():
    return zoneinfo.ZoneInfo(selectors.blog_identity().time_zone)


def _languages():
    # "list:all" (which the homes depend on) moves with any post save, as this list may.
    return {"languages": selectors.languages_published()}


@require_safe
def home(request):
    # The latest posts; older ones live at /posts/?page=2 so each page has one address.
    page = Paginator(selectors.post_list_public(), PER_PAGE).page(1)
    shown(page.object_list, "list:all")
    context = {"page": page, "posts": page.object_list}
    return render(request, "blog/home.html", context | _languages())


@require_safe
def home_in_language(request, language):
    """/ru/, /kk/, /en/: the latest posts written in one language, in that language."""
    page = Paginator(selectors.post_list_in_language(language=language), PER_PAGE).page(1)
    shown(page.object_list, "list:all")
    context = {"page": page, "posts": page.object_list, "language": language} | _languages()
    with translation.override(language):
        response = render(request, "blog/home.html", context)
    response["Content-Language"] = language
    return response


@require_safe
def post_list(request):
    page = paginate(request, selectors.post_list_public())
    shown(page.object_list, "list:all")
    context = {"page": page, "posts": page.object_list, "months": selectors.archive_months()}
    return render(request, "blog/post_list.html", context)


@require_safe
def post_detail(request, year, month, day, slug):
    post, translations = selectors.post_page(slug=slug)
    if post is None:
        moved = selectors.post_slug_redirect(slug=slug)
        if moved is None:
            raise Http404(_("There is no post at this address."))
        return redirect(moved, permanent=True)
    if request.path != post.get_absolute_url():
        # The date in the address changed (or was mistyped): send readers to the real one.
        return redirect(post, permanent=True)
    previous, following = selectors.post_neighbours(post=post)
    # The neighbours show only their titles, which change with a post save: "list:all".
    shown([post], "list:all")
    context = {"post": post, "previous": previous, "next": following, "translations": translations}
    # The page speaks the post's language (menus, dates, the comment form), not the blog's.
    with translation.override(post.content_language):
        response = render(request, "blog/post_detail.html", context)
    response["Content-Language"] = post.content_language
    return response


def _month_range(year, month):
    # Years 1 and 9999 would overflow when the range is turned into UTC or extended.
    if not 1 < year < 9999:
        raise Http404(_("There is no such date."))
    try:
        start = datetime.datetime(year, 1 if month is None else month, 1, tzinfo=_zone())
    except ValueError:
        raise Http404(_("There is no such date.")) from None
    if month is not None:
        end = (start + datetime.timedelta(days=32)).replace(day=1)
    else:
        end = start.replace(year=year + 1)
    return start, end


@require_safe
def archive(request, year, month=None):
    start, end = _month_range(int(year), None if month is None else int(month))
    page = paginate(request, selectors.post_list_in_range(start=start, end=end))
    if not page.object_list:
        raise Http404(_("Nothing was published then."))
    shown(page.object_list, year_list(start.year))
    context = {"page": page, "posts": page.object_list, "start": start, "month": month}
    return render(request, "blog/post_archive.html", context)


@require_safe
def tag_detail(request, slug):
    tag = selectors.tag_get(slug=slug)
    if tag is None:
        raise Http404(_("There is no such tag."))
    page = paginate(request, selectors.post_list_public().filter(tags=tag))
    shown(page.object_list, f"list:tag:{tag.pk}")
    context = {"tag": tag, "page": page, "posts": page.object_list}
    return render(request, "blog/tag_detail.html", context)


@require_safe
def author_detail(request, slug):
    author = selectors.author_get(slug=slug)
    if author is None:
        raise Http404(_("There is no such author."))
    page = paginate(request, selectors.post_list_public().filter(authors=author))
    shown(page.object_list, f"list:author:{author.pk}")
    context = {"author": author, "page": page, "posts": page.object_list}
    return render(request, "blog/author_detail.html", context)


@require_safe
def search_view(request, language=None):
    """/search/ reads the words in the blog's language, /ru/search/ in Russian (and speaks it)."""
    language = language or request.LANGUAGE_CODE
    with translation.override(language):
        context = search.search_page(query=request.GET.get("q", ""), language=language)
        response = render(request, "blog/search.html", context)
    response["Content-Language"] = language
    return response


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        f"Sitemap: {settings.SITE_URL.rstrip('/')}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def page_detail(request, slug):
    page = pages.page_get_public(slug=slug)
    if page is None:
        raise Http404(_("There is no page at this address."))
    context = {"page": page, "translations": pages.page_translations(page=page)}
    with translation.override(page.content_language):
        response = render(request, "blog/page_detail.html", context)
    response["Content-Language"] = page.content_language
    return response
