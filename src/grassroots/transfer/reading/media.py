"""Where an attachment's bytes come from: the uploads folder given with --media, or, only
with --fetch, the old site over http(s) with a size cap and a time cap."""

import re
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.utils.translation import gettext as _

from grassroots.photos import limits

UPLOADS = "/wp-content/uploads/"
FETCH_SECONDS = 30  # the whole download, not each read
FETCH_READ = 64 * 1024


class _OnlyHttp(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if urlsplit(newurl).scheme not in {"http", "https"}:
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_OnlyHttp)


# WordPress's resized copies: photo-300x200.jpg, photo-scaled.jpg, photo-1024x768-1.jpg.
SIZED = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=(?:-\d+)?\.[a-z0-9]+$)", re.IGNORECASE)


def original_path(relative):
    """The key one uploaded file and all its resized copies share."""
    return SIZED.sub("", relative or "").lower()


def uploads_path(url):
    """'https://old.org/wp-content/uploads/2019/05/a.jpg' -> '2019/05/a.jpg' (or None).
    WordPress.com keeps uploads at https://SITE.files.wordpress.com/2019/05/a.jpg."""
    parts = urlsplit(url or "")
    path = unquote(parts.path)
    if UPLOADS in path:
        return path.split(UPLOADS, 1)[1].lstrip("/") or None
    if parts.netloc.lower().endswith(".files.wordpress.com"):
        return path.lstrip("/") or None
    return None


class Media:
    def __init__(self, *, folder=None, fetch=False):
        self.folder = Path(folder).resolve() if folder else None
        self.fetch = fetch

    def local(self, relative):
        """A file under the uploads folder; never one outside it (no ../ tricks)."""
        if not self.folder or not relative:
            return None
        candidate = (self.folder / relative).resolve()
        if not candidate.is_relative_to(self.folder) or not candidate.is_file():
            return None
        return candidate

    def read(self, url, relative=None):
        """(bytes, None) or (None, why): from the folder first, then the network if allowed."""
        relative = relative or uploads_path(url)
        path = self.local(relative)
        if path is not None:
            if path.stat().st_size > limits.max_bytes():
                return None, _("too large")
            return path.read_bytes(), None
        if not self.fetch:
            return None, _("not in the media folder") if self.folder else _(
                "no --media folder given"
            )
        return download(url)


def download(url):
    if urlsplit(url or "").scheme not in {"http", "https"}:
        return None, _("not an http(s) address")
    cap, deadline = limits.max_bytes(), time.monotonic() + FETCH_SECONDS
    # Only http(s) reaches here (checked above; redirects elsewhere are refused by _OnlyHttp).
    request = urllib.request.Request(url, headers={"User-Agent": "Grassroots import"})  # noqa: S310
    try:
        with _OPENER.open(request, timeout=10) as response:
            chunks, size = [], 0
            while chunk := response.read(FETCH_READ):
                size += len(chunk)
                if size > cap:
                    return None, _("too large")
                if time.monotonic() > deadline:
                    return None, _("took too long")
                chunks.append(chunk)
            return b"".join(chunks), None
    except (OSError, ValueError) as error:
        return None, _("download failed (%(error)s)") % {"error": type(error).__name__}
