"""WordPress shortcodes and block comments, turned into plain HTML the Markdown converter
understands. Hand-written: no library reads WordPress's own mini-languages; the patterns
follow WordPress's get_shortcode_regex() and shortcode_parse_atts()."""

import html
import re

SHORTCODE = re.compile(
    r"\[(\[?)([a-zA-Z][\w-]*)(?![\w-])([^\]]*?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.DOTALL
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)"""
    r"""|"([^"]*)"|'([^']*)'|(\S+)"""
)
BLOCK_COMMENT = re.compile(r"<!--\s*(/?)wp:([a-z0-9/_-]+)(\s+\{.*?\})?\s*(/?)-->", re.DOTALL)
MORE = re.compile(r"<!--more(.*?)?-->|<!--nextpage-->|<!--noteaser-->", re.IGNORECASE)
IMAGE_IN_CAPTION = re.compile(r"^\s*((?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?)(.*)$", re.DOTALL)

# Shortcodes we turn into content; anything else is kept as text and reported.
KNOWN = {"caption", "wp_caption", "gallery", "embed", "video", "audio", "playlist"}


def attributes(text):
    found = {}
    for match in ATTRIBUTE.finditer(html.unescape(text or "")):
        groups = match.groups()
        if groups[0]:
            found[groups[0].lower()] = groups[1]
        elif groups[2]:
            found[groups[2].lower()] = groups[3]
        elif groups[4]:
            found[groups[4].lower()] = groups[5]
    return found


def split_more(content):
    """(teaser or None, content without the <!--more--> marker)."""
    match = MORE.search(content)
    teaser = (
        content[: match.start()]
        if match and match.group(0).lower().startswith("<!--more")
        else None
    )
    return teaser, MORE.sub("", content)


def strip_blocks(content, *, dropped):
    """Gutenberg keeps each block's HTML between comments: drop the comments, keep the HTML.
    Self-closing blocks (latest posts, a search box) have no HTML of their own: they are
    counted in `dropped` (a Counter) for the report."""

    def replace(match):
        _closing, name, _attrs, self_closing = match.groups()
        if self_closing and name not in {"more", "nextpage"}:
            dropped[f"wp:{name}"] += 1
        return ""

    return BLOCK_COMMENT.sub(replace, content)


def has_blocks(content):
    return "<!-- wp:" in content


def _caption(attrs, inner):
    match = IMAGE_IN_CAPTION.match(inner or "")
    if not match:
        return inner or ""
    image, text = match.group(1), match.group(2).strip() or attrs.get("caption", "")
    return f'<figure class="wp-caption">{image}<figcaption>{text}</figcaption></figure>'


def _gallery(attrs, *, attached):
    ids = [i.strip() for i in attrs.get("ids", attrs.get("include", "")).split(",") if i.strip()]
    ids = ids or [str(i) for i in attached]
    images = "".join(f'<img class="wp-image-{i}" src="" alt="">' for i in ids if i.isdigit())
    return f'<figure class="wp-block-gallery">{images}</figure>'


def _link(url):
    url = html.escape((url or "").strip(), quote=True)
    return f'<p><a href="{url}">{url}</a></p>' if url else ""


def expand(content, *, unknown, attached=()):
    """Known shortcodes -> HTML; unknown ones stay as they were written and are counted in
    `unknown` (a Counter). `attached`: attachment ids of the post, for [gallery] without ids."""

    def replace(match):
        escaped_open, name, raw_attrs, _slash, inner, escaped_close = match.groups()
        if escaped_open and escaped_close:
            return match.group(0)[1:-1]  # [[gallery]] is how WordPress writes a literal one
        key = name.lower()
        if key not in KNOWN:
            if raw_attrs.strip() or inner is not None or _slash:
                unknown[key] += 1
            return match.group(0)
        attrs = attributes(raw_attrs)
        if key in {"caption", "wp_caption"}:
            return _caption(attrs, expand(inner or "", unknown=unknown, attached=attached))
        if key == "gallery":
            return _gallery(attrs, attached=attached)
        if key == "embed":
            return _link(inner)
        source = attrs.get("src") or attrs.get("mp4") or attrs.get("mp3") or (inner or "")
        return _link(source)

    return SHORTCODE.sub(replace, content)


BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    "blockquote|address|p|h[1-6]|hr|fieldset|legend|section|article|aside|header|footer|nav|"
    "figure|figcaption|details|summary|iframe|script|style"
)
BLOCK_START = re.compile(rf"<(?:{BLOCK_TAGS})[\s/>]", re.IGNORECASE)
BLOCK_END = re.compile(rf"</(?:{BLOCK_TAGS})>", re.IGNORECASE)
PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)


def autop(text):
    """Classic posts are stored without <p>: WordPress adds paragraphs on display (wpautop).
    This is the small part of wpautop that matters for conversion: blank lines make
    paragraphs, single newlines make line breaks, block elements stand alone."""
    saved = []

    def keep(match):
        saved.append(match.group(0))
        return f"\n\n\x00{len(saved) - 1}\x00\n\n"

    text = PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = BLOCK_START.sub(lambda m: "\n\n" + m.group(0), text)
    text = BLOCK_END.sub(lambda m: m.group(0) + "\n\n", text)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if chunk.startswith("\x00") or BLOCK_START.match(chunk) or BLOCK_END.match(chunk):
            out.append(chunk)
        else:
            # A <br> already at a line's end is that line's break (as in wpautop).
            out.append("<p>" + re.sub(r"(?:<br\s*/?>)?[ \t]*\n", "<br>\n", chunk) + "</p>")
    joined = "\n".join(out)
    return re.sub(r"\x00(\d+)\x00", lambda m: saved[int(m.group(1))], joined)
