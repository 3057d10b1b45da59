"""Stream-parse an export file of any size, one record at a time, safely.

defusedxml's iterparse refuses entity declarations (billion laughs) and external entities or
DTDs (XXE); expat never touches the network. Records are cleared and detached from their
parent once yielded, so memory stays flat however big the file is."""

import re

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, iterparse

# Characters XML 1.0 forbids. Old WordPress exports carry them (text pasted from word
# processors) and a strict parser stops at the first; they mean nothing, so they go. These
# byte values never occur inside a multi-byte UTF-8 character or in single-byte encodings.
FORBIDDEN_BYTES = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class Unreadable(Exception):
    """The file is not well-formed XML or tries something unsafe; the message says which."""


class _Filtered:
    """A binary file that drops forbidden control bytes as it is read and counts what it
    has read (for the progress bar)."""

    def __init__(self, raw):
        self.raw = raw
        self.position = 0
        head = raw.read(2)
        # UTF-16 files use those byte values inside characters: leave them untouched.
        self.utf16 = head in (b"\xff\xfe", b"\xfe\xff")
        self.pending = head

    def read(self, size=-1):
        data = self.pending + self.raw.read(size)
        self.pending = b""
        self.position += len(data)
        return data if self.utf16 else FORBIDDEN_BYTES.sub(b"", data)


def local(tag):
    """'{http://wordpress.org/export/1.2/}post_id' -> 'wp:post_id' (any WXR version)."""
    if not tag.startswith("{"):
        return tag
    uri, name = tag[1:].split("}", 1)
    if "wordpress.org/export" in uri:
        prefix = "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
    elif "purl.org/rss/1.0/modules/content" in uri:
        prefix = "content"
    elif "purl.org/dc/elements" in uri:
        prefix = "dc"
    elif "disqus-internals" in uri:
        prefix = "dsq"
    else:
        return name
    return f"{prefix}:{name}"


def records(path, names, *, depth, on_progress=None):
    """Yield (name, element) for every element called one of `names` at `depth` (the root
    is depth 0). The element is complete when yielded and cleared right after."""
    with open(path, "rb") as raw:
        stream = _Filtered(raw)
        level, parents = -1, []
        try:
            for event, element in iterparse(
                stream, events=("start", "end"), forbid_dtd=False, forbid_entities=True
            ):
                if event == "start":
                    level += 1
                    parents.append(element)
                    continue
                parents.pop()
                if level == depth and local(element.tag) in names:
                    yield local(element.tag), element
                    if on_progress:
                        on_progress(stream.position)
                if level <= depth:
                    element.clear()
                    if parents and level == depth:
                        parents[-1].remove(element)
                level -= 1
        except ParseError as error:
            raise Unreadable(f"not well-formed XML ({error})") from None
        except DefusedXmlException as error:
            raise Unreadable(f"refused as unsafe XML ({type(error).__name__})") from None


def text(element, name, default=""):
    """The text of the first child called `name` (a prefixed name like 'wp:post_id')."""
    for child in element:
        if local(child.tag) == name:
            return child.text if child.text is not None else default
    return default


def children(element, name):
    return [child for child in element if local(child.tag) == name]


def head(path, *, limit=4096):
    """The start of a file as text, for detect(): a cheap look, never the whole of it."""
    with open(path, "rb") as raw:
        data = raw.read(limit)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16", errors="ignore")
    return data.decode("latin-1")
