from django.conf import settings
from django.contrib.sitemaps.views import sitemap
from django.urls import path, re_path

from grassroots.blog import feeds, views
from grassroots.blog.sitemaps import SITEMAPS

app_name = "blog"

LANGUAGE = "(?P<language>" + "|".join(code for code, _name in settings.LANGUAGES) + ")"
YEAR, MONTH, DAY = r"(?P<year>[0-9]{4})", r"(?P<month>[0-9]{2})", r"(?P<day>[0-9]{2})"

urlpatterns = [
    path("", views.home, name="home"),
    path("posts/", views.post_list, name="post_list"),
    path("search/", views.search_view, name="search"),
    path("feed/", feeds.PostFeed(), name="feed_rss"),
    path("feed/atom/", feeds.AtomPostFeed(), name="feed_atom"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("tags/<slug:slug>/feed/", feeds.TagFeed(), name="tag_feed_rss"),
    path("tags/<slug:slug>/feed/atom/", feeds.AtomTagFeed(), name="tag_feed_atom"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
    path("authors/<slug:slug>/feed/", feeds.AuthorFeed(), name="author_feed_rss"),
    path("authors/<slug:slug>/feed/atom/", feeds.AtomAuthorFeed(), name="author_feed_atom"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    re_path(rf"^{LANGUAGE}/$", views.home_in_language, name="home_in_language"),
    re_path(rf"^{LANGUAGE}/search/$", views.search_view, name="search_in_language"),
    re_path(rf"^{LANGUAGE}/feed/$", feeds.LanguageFeed(), name="language_feed_rss"),
    re_path(rf"^{LANGUAGE}/feed/atom/$", feeds.AtomLanguageFeed(), name="language_feed_atom"),
    re_path(rf"^{YEAR}/$", views.archive, name="archive_year"),
    re_path(rf"^{YEAR}/{MONTH}/$", views.archive, name="archive_month"),
    re_path(
        rf"^{YEAR}/{MONTH}/{DAY}/(?P<slug>[-a-zA-Z0-9_]+)/$",
        views.post_detail,
        name="post_detail",
    ),
    # Last: a page takes any one-part address no route above uses (models_pages.py).
    path("<slug:slug>/", views.page_detail, name="page_detail"),
]
