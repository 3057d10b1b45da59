"""What the Markdown converter asks while it reads a WordPress post: which photo an image
is, and where a link to the old site leads now."""

import re
from urllib.parse import urlsplit, urlunsplit

from django.utils.translation import gettext as _

from grassroots.transfer.reading import records
from grassroots.transfer.reading.media import original_path, uploads_path

# Jetpack's image CDN and WordPress.com's file hosts serve the site's own uploads.
CDN = re.compile(r"^(i[0-9]\.wp\.com|[a-z0-9-]+\.files\.wordpress\.com)$")


class Resolver:
    def __init__(self, run):
        self.run, self.report = run, run.report
        self.current = None  # the WordPress id of the post being converted
        self.shown = []  # the photos it shows (a dry run checks their alt text here)

    def photo(self, src, attachment_id, alt):
        photo = None
        if attachment_id and str(attachment_id).isdigit():
            photo = records.target(records.find(self.run.source, "attachment", attachment_id))
        relative = uploads_path(src) if src and self._ours(src) else None
        if photo is None and relative:
            photo = self._by_path(src, relative)
        if photo is None:
            if attachment_id and not src and attachment_id not in self.run.attachments:
                self.report.missing(
                    _("attachment %(id)s: not in the export or its file is missing")
                    % {"id": attachment_id}
                )
            return None
        if alt and not photo.alt_text:
            if self.run.dry_run:
                photo.alt_text = alt[:500]
            else:
                from grassroots.photos.services import photo_update

                photo = photo_update(photo=photo, alt_text=alt[:500])
        self.shown.append(photo)
        return photo

    def _ours(self, src):
        """An image of the old site (or its CDN): never a file from someone else's site
        that happens to share a name with one in the uploads folder."""
        host = urlsplit(src).netloc.lower()
        return not host or self.run.is_old(src) or CDN.match(host) is not None

    def _by_path(self, src, relative):
        key = original_path(relative)
        cached = self.run.photos_by_path.get(key) or self.run.photos_by_path.get(relative.lower())
        if cached is not None:
            return cached
        photo = records.target(records.find(self.run.source, "file", key))
        if photo is None:
            # An image from the uploads folder that is no attachment (or a resized copy whose
            # original is missing): import the file the post shows.
            full = self._absolute(src)
            photo = self.run.photo_from(
                full, relative, kind="file", source_id=key, quiet=key in self.run.unavailable
            )
        if photo is not None:
            self.run.photos_by_path[key] = photo
        return photo

    def _absolute(self, src):
        if urlsplit(src).netloc:
            return src
        base = self.run.header.get("wp:base_site_url") or self.run.header.get("link") or ""
        parts = urlsplit(base)
        return urlunsplit((parts.scheme, parts.netloc, src, "", "")) if parts.netloc else src

    def link(self, href):
        if not self.run.is_old(href):
            return href
        parts = urlsplit(href)
        relative = uploads_path(href)
        if relative:
            # A file of the old site: its photo here, or (a PDF, a missing file) the old
            # address, which is more use to a reader than a path that is not here.
            photo = self.run.photos_by_path.get(original_path(relative))
            if photo is None or not photo.pk:
                return href
            self.report.rewritten_links += 1
            return photo.rendition_url()
        self.report.rewritten_links += 1
        if self.current is not None:
            self.run.to_relink.add(self.current)
        local = urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
        return local

    def cover(self, thumbnail_id):
        if not thumbnail_id or not str(thumbnail_id).isdigit() or self.run.dry_run:
            return None
        photo = records.target(records.find(self.run.source, "attachment", thumbnail_id))
        if photo is not None and not photo.alt_text.strip():
            self.report.note(
                _(
                    "Featured images without alt text were not made covers: add alt text in "
                    "the photo library and choose the cover again."
                )
            )
            return None
        return photo
