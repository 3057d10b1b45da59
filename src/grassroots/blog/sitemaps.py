"""sitemap.xml: public posts, tags, authors (their public bylines, never staff logins) and the
listings. A scheduled post appears once its time has come, decided at request time."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap as BaseSitemap
from django.urls import reverse

from grassroots.blog import selectors


class Sitemap(BaseSitemap):
    """Addresses on SITE_URL, as the pages' canonical links, not on the request's host."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class TranslatedSitemap(Sitemap):
    """Each translation is its own <url>, listing every version (itself too) as xhtml:link
    alternates, as Google's hreflang rules ask; the original is the x-default."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        groups = {}
        for url in urls:
            item = url["item"]
            groups.setdefault(item.translation_of_id or item.pk, []).append(url)
        for group in groups.values():
            if len(group) < 2:
                continue
            alternates = [
                {"lang_code": url["item"].content_language, "location": url["location"]}
                for url in group
            ]
            original = [url for url in group if not url["item"].translation_of_id]
            if original:
                alternates.append({"lang_code": "x-default", "location": original[0]["location"]})
            for url in group:
                url["alternates"] = alternates
        return urls


class PostSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        return selectors.post_list_for_sitemap()

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.tag_list_public()


class AuthorSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return selectors.author_list_public().only("slug")


class ListingSitemap(Sitemap):
    """The homes (all languages, and one per language, linked as hreflang alternates of
    each other as on the pages themselves) and the list of all posts."""

    changefreq = "daily"

    def items(self):
        self.homes = selectors.home_alternates(selectors.languages_published())
        homes = [path for _code, path in self.homes] or [reverse("blog:home")]
        return [*homes, reverse("blog:post_list")]

    def location(self, item):
        return item

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        origin = f"{protocol}://{domain}"
        alternates = [{"lang_code": code, "location": origin + path} for code, path in self.homes]
        homes = {path for _code, path in self.homes}
        for url in urls:
            if url["item"] in homes:
                url["alternates"] = alternates
        return urls


class ArchiveSitemap(Sitemap):
    """The year and month archives that hold public posts, from one query."""

    changefreq = "monthly"

    def items(self):
        months = [month for month, _count in selectors.archive_months()]
        years = sorted({month.year for month in months}, reverse=True)
        return [(year, None) for year in years] + [(m.year, m.month) for m in months]

    def location(self, item):
        year, month = item
        if month is None:
            return reverse("blog:archive_year", kwargs={"year": f"{year:04d}"})
        return reverse(
            "blog:archive_month", kwargs={"year": f"{year:04d}", "month": f"{month:02d}"}
        )


class PageSitemap(TranslatedSitemap):
    changefreq = "monthly"

    def items(self):
        from grassroots.blog.pages import page_list_public

        return page_list_public().order_by("slug")

    def lastmod(self, item):
        return item.updated_at


SITEMAPS = {
    "listings": ListingSitemap,
    "archives": ArchiveSitemap,
    "pages": PageSitemap,
    "posts": PostSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
