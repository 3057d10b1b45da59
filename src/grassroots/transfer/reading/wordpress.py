"""`grassroots import wordpress FILE.xml`: two streaming passes over a WXR file.

Pass 1 reads the header (authors, categories, tags) and imports attachments as photos, so
pass 2 can turn images in posts into `photo:` references. Pass 2 imports posts and pages,
each with its tags and comments in one transaction together with its ImportedItem rows:
an interrupted run leaves whole posts or nothing, and the next run carries on."""

import re
import zoneinfo
from collections import Counter
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from grassroots.transfer.reading import records, wxr
from grassroots.transfer.reading.media import Media, original_path, uploads_path
from grassroots.transfer.reading.redirects import normalise, normalise_url
from grassroots.transfer.reading.report import IMPORTED, UNCHANGED
from grassroots.transfer.reading.wp_people import People
from grassroots.transfer.reading.xmlstream import records as stream

CONTENT_TYPES = {"post", "page"}
SKIPPED_TYPES = {
    "revision": gettext_lazy("old revisions are not imported"),
    "nav_menu_item": gettext_lazy("menus are not imported; set up navigation in the studio"),
    "custom_css": gettext_lazy("theme CSS does not apply here"),
    "customize_changeset": gettext_lazy("theme settings do not apply here"),
    "oembed_cache": gettext_lazy("a cache of embeds"),
    "user_request": gettext_lazy("privacy requests stay with the old site"),
    "wp_block": gettext_lazy("reusable blocks are not imported"),
    "wp_template": gettext_lazy("theme templates do not apply here"),
    "wp_template_part": gettext_lazy("theme templates do not apply here"),
    "wp_global_styles": gettext_lazy("theme styles do not apply here"),
    "wp_navigation": gettext_lazy("menus are not imported; set up navigation in the studio"),
}
IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".tif", ".tiff", ".bmp")


def source_name(header):
    base = header.get("wp:base_blog_url") or header.get("wp:base_site_url") or header.get("link")
    parts = urlsplit(base or "")
    return "wordpress:" + ((parts.netloc + parts.path).rstrip("/").lower() or "unknown")


class WordPressImport:
    def __init__(self, path, *, report, media=None, fetch=False, create_staff=False,
                 dry_run=False, progress=None):  # fmt: skip
        self.path, self.report, self.dry_run = path, report, dry_run
        self.media = Media(folder=media, fetch=fetch)
        self.progress = progress or (lambda done: None)
        self.header, self.source = {}, None
        self.people = None
        self.create_staff = create_staff
        self.offset = None
        self.attachments = {}  # wp id -> (link, parent id, url)
        self.attached = {}  # parent wp id -> [attachment wp ids] in menu order
        self.photos_by_path = {}  # uploads-relative path -> photo (this run's cache)
        self.old_hosts = set()
        self.to_relink = set()  # WordPress ids of posts whose text links to the old site
        self.unavailable = set()  # files already found missing or refused in this run
        self.dropped_blocks = Counter()

    # pass 1 ---------------------------------------------------------------------------
    def run(self):
        size = self.path.stat().st_size or 1
        names = wxr.HEADER | wxr.TERMS | {"item"}
        for name, element in stream(
            self.path, names, depth=2, on_progress=lambda at: self.progress(at / size / 2)
        ):
            if name in wxr.HEADER:
                self.header[name] = (element.text or "").strip()
                continue
            self._start()
            if name in wxr.TERMS:
                self.people.term(*wxr.term(name, element))
            else:
                self._first_pass_item(wxr.item(element))
        self._start()
        from grassroots.transfer.reading.wp_posts import Posts

        posts = Posts(self)
        for _name, element in stream(
            self.path, {"item"}, depth=2, on_progress=lambda at: self.progress(0.5 + at / size / 2)
        ):
            posts.item(wxr.item(element))
        posts.finish()
        self.people.count_unused()
        self._time_zone_note()
        self._attachment_addresses(posts)
        if self.dropped_blocks:
            listed = ", ".join(f"{k} ×{v}" for k, v in self.dropped_blocks.most_common())
            self.report.note(
                _("Blocks with no content of their own were left out: %(list)s") % {"list": listed}
            )
        return self.report

    def _start(self):
        if self.source is not None:
            return
        self.source = source_name(self.header)
        self.report.source = self.source
        for key in ("wp:base_site_url", "wp:base_blog_url", "link"):
            host = urlsplit(self.header.get(key, "")).netloc.lower()
            if host:
                self.old_hosts.add(host)
        # A blog in a folder (https://org.example/blog) has every address under it.
        self.prefix = urlsplit(self.header.get("wp:base_blog_url", "")).path.rstrip("/")
        self.people = People(self, create_staff=self.create_staff)

    def _first_pass_item(self, item):
        if self.offset is None:
            local, gmt = wxr.parse_date(item.date), wxr.parse_date(item.date_gmt)
            if local and gmt:
                self.offset, self.offset_at = local - gmt, gmt
        if item.type != "attachment":
            return
        self.attachments[item.id] = (item.link, item.parent, item.attachment_url)
        host = urlsplit(item.attachment_url).netloc.lower()
        if host:
            self.old_hosts.add(host)  # uploads may live on another host (a CDN, WordPress.com)
        if item.parent != "0":
            self.attached.setdefault(item.parent, []).append((item.menu_order, int(item.id)))
        self._attachment(item)

    def _time_zone_note(self):
        """Dates arrive exact, but shown in this blog's time zone: another zone shows other
        hours, sometimes another day (and the permalink carries that day)."""
        if self.offset is None:
            return
        from grassroots.blog.selectors import blog_identity

        zone = blog_identity().time_zone
        here = zoneinfo.ZoneInfo(zone).utcoffset(self.offset_at)
        if here != self.offset:
            self.report.note(
                _(
                    "The old site's times were %(old)s from UTC; this blog's time zone, "
                    "%(zone)s, is %(here)s: posts show other hours here, some another day. "
                    "Old addresses still lead to them. If that is not what you want, set the "
                    "time zone in Blog identity and import again into an empty site."
                )
                % {"old": _utc(self.offset), "zone": zone, "here": _utc(here)}
            )

    # attachments ----------------------------------------------------------------------
    def _attachment(self, item):
        url = item.attachment_url or item.guid
        relative = item.meta.get("_wp_attached_file") or uploads_path(url)
        if not (relative or url).lower().endswith(IMAGE_TYPES):
            self.report.skip("attachment", _("not an image (only photos are imported)"))
            return
        existing = records.find(self.source, "attachment", item.id)
        photo = records.target(existing)
        if photo is not None:
            self.report.count("attachment", UNCHANGED)
            self._remember_path(relative, photo)
            return
        alt = wxr.plain(item.meta.get("_wp_attachment_image_alt", ""))
        caption = wxr.plain(item.excerpt)
        fallback = "" if alt else _fallback_alt(caption, wxr.plain(item.title), relative or url)
        photo = self.photo_from(url, relative, alt=alt or fallback, caption=caption,
                                kind="attachment", source_id=item.id)  # fmt: skip
        if photo is not None:
            self.report.count("attachment", IMPORTED)
            if fallback:
                self.report.count("attachment", _("alt text taken from its caption or title"))

    def _remember_path(self, relative, photo):
        if relative:
            self.photos_by_path[relative.lower()] = photo

    def photo_from(self, url, relative, *, alt="", caption="", kind, source_id, quiet=False):
        """A photo through the photo pipeline (metadata stripped, renditions made), recorded
        with its ImportedItem in one transaction. None when the file cannot be had; `quiet`
        when that was reported already (a resized copy of a missing original)."""
        from grassroots.photos import imaging, limits
        from grassroots.photos.refusals import Refused

        if (relative or url).lower() in self.unavailable:
            return None
        data, why = self.media.read(url, relative)
        if data is None:
            self.unavailable.add((relative or url).lower())
            if not quiet:
                self.report.missing(f"{relative or url}: {why}")
                self.report.skip(kind, _("media file missing"))
            return None
        try:
            if self.dry_run:
                # The checks a real run makes, so the dry run's report predicts refusals.
                imaging.decode(data, **limits.decode_limits())
                photo = _DryPhoto(alt_text=alt)
            else:
                photo = self._store_photo(data, alt, caption, url, relative, kind, source_id)
        except Refused as refusal:
            self.unavailable.add((relative or url).lower())
            self.report.missing(f"{relative or url}: {refusal.message}")
            self.report.skip(kind, _("refused by the photo checks"))
            return None
        self._remember_path(relative, photo)
        return photo

    def _store_photo(self, data, alt, caption, url, relative, kind, source_id):
        from grassroots.photos.services import photo_upload

        with transaction.atomic():
            photo = photo_upload(data=data, alt_text=alt[:500], caption=caption[:2000])
            item = records.remember(self.source, kind, source_id, photo)
            records.add_address(item, normalise_url(url))
            if kind == "attachment" and relative:
                # Found by its file too: a later export file (WordPress.com splits big
                # sites into several) may show it without naming the attachment.
                records.remember(self.source, "file", original_path(relative), photo)
        return photo

    def _attachment_addresses(self, posts):
        """Attachment pages lead to the post they belonged to (or the photo itself)."""
        if self.dry_run:
            return
        for wp_id, (link, parent, _url) in self.attachments.items():
            item = records.find(self.source, "attachment", wp_id)
            owner = posts.item_for(parent) if parent != "0" else None
            target = owner or item
            if target is None:
                continue
            with transaction.atomic():
                records.add_address(target, normalise_url(link))
                records.add_address(target, normalise(self.prefix or "/", f"attachment_id={wp_id}"))

    # links ----------------------------------------------------------------------------
    def is_old(self, url):
        parts = urlsplit(url)
        return parts.netloc.lower() in self.old_hosts

    def local_date(self, moment):
        return moment + (self.offset or timedelta(0)) if moment else None

    def slug_of(self, item):
        return unquote(item.name or "").strip()


def _utc(offset):
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _fallback_alt(caption, title, path):
    """Alt text for a photo WordPress had none for: its caption, else its title unless the
    title is only the file name (WordPress's default). Posts showing a photo without alt
    text cannot be published here; these let most of them stay published, and the report
    counts them so staff can review the wording."""
    if caption:
        return caption
    stem = re.sub(r"[\W_]+", "", path.rsplit("/", 1)[-1].rsplit(".", 1)[0]).lower()
    if title and re.sub(r"[\W_]+", "", title).lower() != stem:
        return title
    return ""


class _DryPhoto:
    """Stands in for a photo in a dry run, where nothing is stored."""

    pk = 0
    caption = ""

    def __init__(self, *, alt_text=""):
        self.alt_text = alt_text
