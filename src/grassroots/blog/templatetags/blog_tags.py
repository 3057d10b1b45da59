"""Head metadata for public pages: canonical address, absolute URLs, JSON-LD."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# The escapes Django's json_script uses, so the data can never close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def _origin():
    return settings.SITE_URL.rstrip("/")


@register.filter
def absolute(path):
    """An absolute URL on the configured site address (GRASSROOTS_SITE_URL)."""
    path = str(path or "")
    if not path or "://" in path:
        return path
    return _origin() + (path if path.startswith("/") else "/" + path)


# Open Graph names a locale as language_TERRITORY; these are the territories our readers
# of each language most likely live in.
_OG_LOCALES = {"en": "en_US", "ru": "ru_RU", "kk": "kk_KZ"}


@register.filter
def iso_time(moment):
    """For <time datetime>: ISO 8601 in the page's time zone to the second (the "c" format
    keeps microseconds, which HTML does not allow)."""
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else ""


@register.filter
def language_label(code):
    """A language's own name as settings.LANGUAGES writes it ("Қазақша", "Русский")."""
    return dict(settings.LANGUAGES).get(code, code)


@register.filter
def og_locale(language):
    return _OG_LOCALES.get(language, language)


@register.simple_tag(takes_context=True)
def canonical_url(context, page=None):
    """This page's one address: the path, plus ?page=N beyond the first page."""
    request = context["request"]
    url = _origin() + request.path
    if page is not None and page.number > 1:
        url += f"?page={page.number}"
    return url


@register.simple_tag
def home_versions(languages):
    from grassroots.blog.selectors import home_alternates

    return [(code, absolute(path)) for code, path in home_alternates(languages)]


@register.simple_tag(takes_context=True)
def page_url(context, number):
    request = context["request"]
    return request.path if number == 1 else f"{request.path}?page={number}"


@register.simple_tag
def post_json_ld(post, image=""):
    """A schema.org BlogPosting as a data block. Browsers do not execute it, so the strict
    CSP (script-src 'self') does not apply; it is escaped like Django's json_script."""
    from grassroots.blog.selectors import blog_identity

    blog = blog_identity()
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.excerpt,
        "url": absolute(post.get_absolute_url()),
        "mainEntityOfPage": absolute(post.get_absolute_url()),
        "datePublished": post.published_at,
        "dateModified": max(post.updated_at, post.published_at),
        "inLanguage": post.content_language,
        "wordCount": len(post.body_text.split()),
        "author": [
            {"@type": "Person", "name": a.display_name, "url": absolute(a.get_absolute_url())}
            for a in post.authors.all()
        ],
        "keywords": [tag.name for tag in post.tags.all()],
        "publisher": {
            "@type": "Organization",
            "name": blog.organisation_name or blog.title,
            **({"url": blog.organisation_url} if blog.organisation_url else {}),
        },
    }
    if image:
        data["image"] = absolute(image)
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    # < > & are escaped above as json_script does, so the data cannot close the element.
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


@register.simple_tag(takes_context=True)
def search_url(context):
    """The search page in the language this page speaks: /search/ in the blog's language,
    /ru/search/ and so on in another, so the reader's words are read in their language."""
    language = translation.get_language()
    blog = context.get("blog")
    if blog is None or language == blog.language or language not in dict(settings.LANGUAGES):
        return reverse("blog:search")
    return reverse("blog:search_in_language", kwargs={"language": language})


def _page_language(context):
    """The one language this page is written in (a post, a page, a /ru/ home), else None:
    the blog-wide home and listings hold every language."""
    if context.get("language") in dict(settings.LANGUAGES):
        return context["language"]
    for name in ("post", "page"):
        language = getattr(context.get(name), "content_language", None)
        if language:
            return language
    return None


@register.simple_tag(takes_context=True)
def feed_url(context, kind="rss"):
    """The feed a reader of this page wants: /ru/feed/ beside a Russian post, so they do not
    follow every language at once; /feed/ on the blog-wide pages."""
    language = _page_language(context)
    if language is None:
        return reverse("blog:feed_atom" if kind == "atom" else "blog:feed_rss")
    name = "blog:language_feed_atom" if kind == "atom" else "blog:language_feed_rss"
    return reverse(name, kwargs={"language": language})


@register.simple_tag(takes_context=True)
def follow_url(context):
    """Following by email from a page in one language offers that language first."""
    language = _page_language(context)
    url = reverse("followers:follow")
    return f"{url}?language={language}" if language else url
