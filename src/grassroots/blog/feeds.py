"""RSS 2.0 and Atom feeds for the blog, a tag and an author, with each post's full HTML."""

import re
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from grassroots.blog import cachetags, selectors

FEED_ITEMS = 20

# Feed readers show posts away from our site and do not resolve /media/… or /2024/… against
# it, so every site-relative address in the content is made absolute.
_URL_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")/(?!/)')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')


def absolute_urls(html):
    origin = settings.SITE_URL.rstrip("/")

    def srcset(match):
        candidates = [part.strip() for part in match.group(2).split(",")]
        fixed = [
            origin + part if part.startswith("/") and not part.startswith("//") else part
            for part in candidates
        ]
        return match.group(1) + ", ".join(fixed) + match.group(3)

    return _SRCSET.sub(srcset, _URL_ATTRIBUTE.sub(rf"\1{origin}/", html))


def _shown(posts, *lists):
    posts = list(posts)
    cachetags.shown(posts, *lists)
    return posts


class FullContentAtom(Atom1Feed):
    """Django's Atom feed writes only a summary; readers expect the whole post too."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class _PublicAddressRequest:
    """The request as seen from SITE_URL: the syndication framework builds every link from
    the request's host and scheme, which behind a proxy are not the public ones."""

    def __init__(self, request):
        self._request = request
        self._site = urlsplit(settings.SITE_URL)

    def __getattr__(self, name):
        return getattr(self._request, name)

    def get_host(self):
        return self._site.netloc

    def is_secure(self):
        return self._site.scheme == "https"


class PostFeed(Feed):
    feed_type = Rss201rev2Feed

    # Feed instances are shared by every request: nothing per request is stored on self.

    def get_feed(self, obj, request):
        return super().get_feed(obj, _PublicAddressRequest(request))

    def title(self, obj):
        return selectors.blog_identity().title

    def subtitle(self, obj):
        return selectors.blog_identity().tagline

    def description(self, obj):
        blog = selectors.blog_identity()
        return blog.tagline or blog.title

    def link(self, obj):
        return "/"

    def feed_url(self, obj):
        return None

    def items(self, obj):
        return _shown(selectors.post_list_for_feed(limit=FEED_ITEMS), "list:all")

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # RSS readers show <description> as the post; Atom gets the excerpt as its summary.
        if self.feed_type is FullContentAtom:
            return item.excerpt
        return absolute_urls(item.body_html)

    def item_extra_kwargs(self, item):
        if self.feed_type is FullContentAtom:
            return {"content": absolute_urls(item.body_html)}
        return {}

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_author_name(self, item):
        return ", ".join(author.display_name for author in item.authors.all())

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_guid(self, item):
        # Stays the same when the slug or date (and so the permalink) changes.
        return f"tag:{urlsplit(settings.SITE_URL).hostname},2024:post-{item.pk}"

    item_guid_is_permalink = False


class AtomPostFeed(PostFeed):
    feed_type = FullContentAtom


class LanguageFeed(PostFeed):
    """/ru/feed/: the posts written in one language, for readers of that language."""

    def __call__(self, request, *args, **kwargs):
        # Django names the feed's language (<language>, xml:lang) from the active one.
        with translation.override(kwargs["language"]):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request, language):
        return language

    def title(self, obj):
        return f"{selectors.blog_identity().title} ({dict(settings.LANGUAGES)[obj]})"

    def link(self, obj):
        return f"/{obj}/"

    def items(self, obj):
        return _shown(selectors.post_list_for_feed(limit=FEED_ITEMS, language=obj), "list:all")


class AtomLanguageFeed(LanguageFeed):
    feed_type = FullContentAtom


class TagFeed(PostFeed):
    def get_object(self, request, slug):
        tag = selectors.tag_get(slug=slug)
        if tag is None:
            raise Http404(_("There is no such tag."))
        return tag

    def title(self, obj):
        return _("%(blog)s: posts tagged %(tag)s") % {
            "blog": selectors.blog_identity().title,
            "tag": obj.name,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        posts = selectors.post_list_for_feed(limit=FEED_ITEMS, tags=obj)
        return _shown(posts, f"list:tag:{obj.pk}")


class AtomTagFeed(TagFeed):
    feed_type = FullContentAtom


class AuthorFeed(PostFeed):
    def get_object(self, request, slug):
        author = selectors.author_get(slug=slug)
        if author is None:
            raise Http404(_("There is no such author."))
        return author

    def title(self, obj):
        return _("%(blog)s: posts by %(author)s") % {
            "blog": selectors.blog_identity().title,
            "author": obj.display_name,
        }

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        posts = selectors.post_list_for_feed(limit=FEED_ITEMS, authors=obj)
        return _shown(posts, f"list:author:{obj.pk}")


class AtomAuthorFeed(AuthorFeed):
    feed_type = FullContentAtom
