"""Crawl the public site in-process, as an anonymous reader, and write it out as files.

Django's test client is the documented way to run a request through the whole middleware
stack without a server; every page is what a reader gets, so nothing private can appear
that a reader would not see."""

import html
import posixpath
import re
import tempfile
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _

from grassroots.blog.selectors import blog_identity
from grassroots.transfer.errors import TransferError
from grassroots.transfer.mirror import signing

START = [
    "/",
    "/posts/",
    "/search/",
    "/feed/",
    "/feed/atom/",
    "/comments/feed/",
    "/comments/feed/atom/",
    "/sitemap.xml",
    "/robots.txt",
]
# Staff pages and anything that acts (comment forms, replies, privacy requests, following
# by email) stay on the live site; the comment feeds are public reading.
NOT_MIRRORED = ("/admin/", "/studio/", "/comments/", "/photos/", "/followers/")
ALSO_MIRRORED = ("/comments/feed/",)
TEXT_TYPES = ("text/html", "text/css", "application/rss+xml", "application/atom+xml")
TEXT_TYPES += ("application/xml", "text/xml", "text/plain")

_ATTRIBUTE = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_SRCSET = re.compile(r'(\ssrcset=")([^"]*)(")')
_CSS_URL = re.compile(r"""(url\(\s*['"]?)([^'")]+)(['"]?\s*\))""")
_XML_LINK = re.compile(r"""(?:<loc>|<link>|<id>|\shref=")([^<"]+)""")
_FORM = re.compile(r"<form\b.*?</form>", re.S)
# Reply, edit and delete links act on the live site: a mirror's reader cannot use them.
_COMMENT_ACTIONS = re.compile(r'<p class="comment-actions">.*?</p>', re.S)


@dataclass
class Result:
    files: int
    public_key: str


def _mirrorable(path, query):
    if path.startswith(NOT_MIRRORED) and not path.startswith(ALSO_MIRRORED):
        return False
    if not query:
        return True
    page = parse_qs(query).get("page", [""])
    return set(parse_qs(query)) == {"page"} and page[0].isdigit()


def _file_name(path, query, content_type):
    name = path.lstrip("/")
    if query:
        name += f"page/{parse_qs(query)['page'][0]}/"
    if not name or name.endswith("/"):
        xml = "xml" in content_type
        name += "index.xml" if xml else "index.html"
    return name


class Crawl:
    def __init__(self, out):
        self.out = out
        self.site = urlsplit(settings.SITE_URL)
        self.client = Client(HTTP_HOST=self.site.netloc, raise_request_exception=False)
        self.files = {}  # (path, query) -> relative file name
        self.texts = {}  # relative file name -> (content type, text, page url)
        self.seen = set()

    def _internal(self, url, base):
        """(path, query, fragment) of a link to this site, or None."""
        url = html.unescape(url.strip())
        if not url or url.startswith(("#", "data:", "mailto:")):
            return None
        absolute = urlsplit(urljoin(settings.SITE_URL + base, url))
        if absolute.scheme not in ("http", "https") or absolute.netloc != self.site.netloc:
            return None
        return absolute.path, absolute.query, absolute.fragment

    def run(self, start):
        queue = deque((path, "") for path in start)
        while queue:
            path, query = queue.popleft()
            if (path, query) in self.seen or not _mirrorable(path, query):
                continue
            self.seen.add((path, query))
            for link in self._fetch(path, query):
                queue.append(link)

    def _fetch(self, path, query):
        response = self.client.get(path, query_params=parse_qs(query) if query else None)
        if response.status_code != 200:
            return []
        content_type = response.get("Content-Type", "").split(";")[0]
        name = _file_name(path, query, content_type)
        self.files[(path, query)] = name
        data = b"".join(response.streaming_content) if response.streaming else response.content
        if content_type not in TEXT_TYPES:
            target = self.out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            return []
        text = data.decode(response.charset or "utf-8")
        url = path + (f"?{query}" if query else "")
        self.texts[name] = (content_type, text, url)
        return [link[:2] for link in self._links(content_type, text, url) if link]

    def _links(self, content_type, text, url):
        if content_type == "text/html":
            values = [m.group(2) for m in _ATTRIBUTE.finditer(text)]
            for match in _SRCSET.finditer(text):
                values += [part.strip().split(" ")[0] for part in match.group(2).split(",")]
        elif content_type == "text/css":
            values = [m.group(2) for m in _CSS_URL.finditer(text)]
        else:
            values = _XML_LINK.findall(text)
        return [self._internal(value, url) for value in values]

    def _relative(self, value, url, name):
        link = self._internal(value, url)
        if link is None:
            return value
        path, query, fragment = link
        target = self.files.get((path, query))
        if target is None:  # not part of the mirror: the live site has it
            return html.escape(settings.SITE_URL + path + (f"?{query}" if query else ""))
        relative = posixpath.relpath(target, posixpath.dirname(name) or ".")
        return html.escape(relative + (f"#{fragment}" if fragment else ""))

    def write_texts(self, note):
        for name, (content_type, text, url) in self.texts.items():
            if content_type == "text/html":
                text = _FORM.sub(f'<p class="mirror-note">{html.escape(note)}</p>', text)
                text = _COMMENT_ACTIONS.sub("", text)

                def attribute(match, url=url, name=name):
                    value = match.group(2)
                    if value.startswith(settings.SITE_URL):  # canonical and share links stay
                        return match.group(0)
                    return match.group(1) + self._relative(value, url, name) + match.group(3)

                def srcset(match, url=url, name=name):
                    parts = []
                    for part in match.group(2).split(","):
                        address, _space, size = part.strip().partition(" ")
                        parts.append(f"{self._relative(address, url, name)} {size}".strip())
                    return match.group(1) + ", ".join(parts) + match.group(3)

                text = _SRCSET.sub(srcset, _ATTRIBUTE.sub(attribute, text))
            elif content_type == "text/css":
                text = _CSS_URL.sub(
                    lambda m, url=url, name=name: (
                        m.group(1) + self._relative(m.group(2), url, name) + m.group(3)
                    ),
                    text,
                )
            target = self.out / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def _prepare_static():
    """Hashed static names need collectstatic's manifest, as `grassroots run` makes it."""
    if not settings.DEBUG and "Manifest" in settings.STORAGES["staticfiles"]["BACKEND"]:
        call_command("collectstatic", interactive=False, verbosity=0)


def write(directory):
    """Write the mirror into `directory` (new, or holding an earlier mirror, which is
    replaced whole once the new one is complete)."""
    directory = Path(directory).resolve()
    has_files = directory.exists() and any(directory.iterdir())
    if has_files and not (directory / signing.MANIFEST).exists():
        raise TransferError(
            _("%(dir)s is not empty and holds no earlier mirror: choose a new folder.")
            % {"dir": directory}
        )
    directory.parent.mkdir(parents=True, exist_ok=True)
    _prepare_static()
    with tempfile.TemporaryDirectory(dir=directory.parent, prefix=".mirror-") as tmp:
        out = Path(tmp) / "site"
        out.mkdir()
        crawl = Crawl(out)
        crawl.run(START)
        with translation.override(blog_identity().language):
            note = _("This is a copy of the site: comments and search work on the site itself.")
        crawl.write_texts(note)
        key = signing.sign(out, set(crawl.files.values()))
        out.chmod(0o755)
        if directory.exists():
            old = Path(tmp) / "old"
            directory.rename(old)
        out.rename(directory)
    return Result(files=len(crawl.files), public_key=key)
