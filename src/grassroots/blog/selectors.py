"""Reads: the blog identity (cached because every public page shows it) and posts."""

import contextlib
import contextvars
import hashlib
import zoneinfo

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import FirstValue, Lag, Lead, TruncMonth
from django.urls import reverse
from django.utils import timezone

from grassroots.blog.models import Author, Blog, Post, PostSlugHistory, Tag
from grassroots.core import pagecache, pagetags

IDENTITY_KEY = "blog:identity"
IDENTITY_SECONDS = 24 * 60 * 60


# Pinned for the length of a request by the blog middleware: a listing asks for the identity
# once per permalink, and with Redis each cache read would be a round trip.
_pinned = contextvars.ContextVar("blog_identity", default=None)


@contextlib.contextmanager
def blog_identity_pinned():
    token = _pinned.set(blog_identity())
    try:
        yield
    finally:
        _pinned.reset(token)


def blog_identity():
    """The one Blog row, or an unsaved default before the site is set up."""
    pinned = _pinned.get()
    if pinned is not None:
        return pinned
    # Keyed by the content version, which every change to the identity moves in all worker
    # processes at once (their caches may be separate: see core.pagecache).
    key = f"{IDENTITY_KEY}:{pagecache.version()}"
    blog = cache.get(key)
    if blog is None:
        blog = Blog.objects.order_by("pk").first() or Blog(
            organisation_name="", title="Grassroots", tagline=""
        )
        cache.set(key, blog, timeout=IDENTITY_SECONDS)
    return blog


def blog_identity_forget():
    pagecache.bump()


# Post reads. Every listing fetches its page of posts with the same fixed number of queries
# whatever the page holds: one for the page, one per prefetched relation (and one count).


def _listing(queryset):
    return (
        queryset.select_related("cover")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.only("display_name", "slug")),
            Prefetch("tags", queryset=Tag.objects.only("name", "slug")),
        )
        .defer("body", "body_html", "body_text")
    )


def post_list_public(*, now=None):
    return _listing(Post.objects.public(now=now))


def in_language(queryset, language):
    """Posts written in `language`: marked so, or unmarked on a blog in that language."""
    if blog_identity().language == language:
        return queryset.filter(Q(language=language) | Q(language=""))
    return queryset.filter(language=language)


def post_list_in_language(*, language):
    return in_language(post_list_public(), language)


def post_list_for_feed(*, limit=20, language=None, **filters):
    """Newest public posts with their full HTML, for feeds (filters: tags=, authors=)."""
    posts = Post.objects.public()
    return (
        (in_language(posts, language) if language else posts)
        .filter(**filters)
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.only("display_name", "slug")),
            Prefetch("tags", queryset=Tag.objects.only("name", "slug")),
        )
        .select_related("cover")
        .order_by("-published_at", "-pk")[:limit]
    )


def post_list_for_sitemap():
    return Post.objects.public().only(
        "slug", "published_at", "created_at", "updated_at", "language", "translation_of"
    )


def post_list_in_range(*, start, end):
    return post_list_public().filter(published_at__gte=start, published_at__lt=end)


NEIGHBOUR_FIELDS = ("title", "slug", "published_at")


def _neighbour_windows():
    """The previous and next public post's title, slug and time, as window functions over
    all public posts by publish time: the post page gets its neighbours in its own query."""
    order = [F("published_at").asc(), F("pk").asc()]
    windows = {}
    for field in NEIGHBOUR_FIELDS:
        windows[f"previous_{field}"] = Window(Lag(field), order_by=order)
        windows[f"next_{field}"] = Window(Lead(field), order_by=order)
    # The post's own slug as a window value: filtering on it makes Django compute the windows
    # over every public post first and pick this one afterwards.
    windows["own_slug"] = Window(FirstValue("slug"), partition_by=[F("pk")])
    return windows


def post_get_public(*, slug, now=None):
    """The public post with this slug, with everything its page shows, or None. Also when
    the next scheduled post turns public (`next_scheduled`), which changes its neighbours."""
    now = now or timezone.now()
    upcoming = Post.objects.scheduled(now=now).order_by("published_at").values("published_at")
    return (
        Post.objects.public(now=now)
        .select_related("cover")
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.only("display_name", "slug")),
            Prefetch("tags", queryset=Tag.objects.only("name", "slug")),
        )
        .annotate(**_neighbour_windows(), next_scheduled=Subquery(upcoming[:1]))
        .filter(own_slug=slug)
        .first()
    )


POST_PAGE_SECONDS = 3600


def post_page(*, slug):
    """(post, translations) for a post's public page, or (None, []): post_get_public and
    post_translations, kept in the cache, since building the post's query (its neighbours
    as window functions) cost more than running it. The copy is keyed by the versions of
    the page cache's tags that any change to it moves (core/pagetags.py): "list:all" (every
    post saved) and "all" (the identity, photos, tags, authors); it is kept no longer than
    until the next scheduled post turns public and becomes a neighbour."""
    versions = pagetags.versions(["list:all", pagecache.EVERYTHING])  # before the query
    key = "blog:post-page:" + hashlib.sha256(slug.encode()).hexdigest()
    found = cache.get(key)
    if found is not None and found[0] == versions:
        return found[1], found[2]
    now = timezone.now()
    post = post_get_public(slug=slug, now=now)
    if post is None:
        return None, []
    translations = post_translations(post=post)
    seconds = POST_PAGE_SECONDS
    if post.next_scheduled is not None:
        seconds = min(seconds, int((post.next_scheduled - now).total_seconds()))  # never late
    if seconds >= 1:
        cache.set(key, (versions, post, translations), seconds)
    return post, translations


def post_translations(*, post):
    """The public posts in this post's translation group (itself included), in the order of
    the site's languages; one query. A group is an original and the posts naming it."""
    root = post.translation_of_id or post.pk
    group = Post.objects.public().filter(Q(pk=root) | Q(translation_of_id=root))
    group = list(group.only("slug", "published_at", "language", "translation_of", "title"))
    if len(group) < 2:
        return []
    order = [code for code, _name in settings.LANGUAGES]
    return sorted(group, key=lambda p: order.index(p.content_language))


def post_get_for_preview(*, pk):
    return (
        Post.objects.select_related("cover")
        .prefetch_related("authors", "tags")
        .filter(pk=pk)
        .first()
    )


def post_slug_redirect(*, slug):
    """The post that used to have this slug, if it is public now."""
    history = (
        PostSlugHistory.objects.filter(slug=slug, post__in=Post.objects.public())
        .select_related("post")
        .first()
    )
    return history.post if history else None


def post_neighbours(*, post):
    """(previous, next) public posts by publish time, title and URL only: from the window
    values post_get_public fetched with the post, else one query each."""
    if hasattr(post, "own_slug"):
        return tuple(
            Post(**{field: getattr(post, f"{side}_{field}") for field in NEIGHBOUR_FIELDS})
            if getattr(post, f"{side}_slug") is not None
            else None
            for side in ("previous", "next")
        )
    fields = ("title", "slug", "published_at", "created_at")
    public = Post.objects.public().only(*fields)
    previous = (
        public.filter(published_at__lt=post.published_at).order_by("-published_at", "-pk").first()
    )
    following = (
        public.filter(published_at__gt=post.published_at).order_by("published_at", "pk").first()
    )
    return previous, following


def tag_get(*, slug):
    """A tag with at least one public post: one that only drafts or scheduled posts use
    would tell what is being written."""
    public = Post.objects.public().filter(tags=OuterRef("pk"))
    return Tag.objects.filter(Exists(public), slug=slug).first()


def author_get(*, slug):
    """An author with at least one public post (a byline only drafts use is not public)."""
    public = Post.objects.public().filter(authors=OuterRef("pk"))
    return (
        Author.objects.filter(Exists(public), slug=slug).only("display_name", "slug", "bio").first()
    )


def tag_list_public():
    """Tags that have at least one public post, for the sitemap."""
    return Tag.objects.filter(posts__in=Post.objects.public()).distinct().order_by("name")


def author_list_public():
    return Author.objects.filter(posts__in=Post.objects.public()).distinct().order_by("slug")


def archive_months():
    """[(first day of month, number of public posts)], newest first, in the blog's time zone:
    one query, for the archive links on "All posts"."""
    zone = zoneinfo.ZoneInfo(blog_identity().time_zone)
    rows = (
        Post.objects.public()
        .annotate(month=TruncMonth("published_at", tzinfo=zone))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("-month")
    )
    return [(row["month"], row["count"]) for row in rows]


def seconds_until_next_scheduled(*, now=None):
    """When time alone changes public pages next: the next scheduled post turns public."""
    now = now or timezone.now()
    upcoming = (
        Post.objects.scheduled(now=now)
        .order_by("published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return None if upcoming is None else (upcoming - now).total_seconds()


def languages_published():
    """The languages public posts are written in, in the site's order; one query."""
    own = blog_identity().language
    codes = Post.objects.public().order_by().values_list("language", flat=True).distinct()
    found = {code or own for code in codes}
    return [code for code, _name in settings.LANGUAGES if code in found]


def home_alternates(languages):
    """The per-language homes as hreflang alternates: each language's own home, and / (all
    languages, in the blog's interface) as x-default. Every home lists the whole set, itself
    included, as Google's hreflang rules ask; the sitemap lists the same. Only languages
    with public posts, and none at all for a blog in one language: an empty home is no
    version of the others."""
    if len(languages) < 2:
        return []
    homes = [(code, reverse("blog:home_in_language", args=[code])) for code in languages]
    return [*homes, ("x-default", reverse("blog:home"))]
