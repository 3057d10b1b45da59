"""The one place where text becomes HTML: Markdown (markdown-it-py, CommonMark) and then
sanitising (nh3) with one allowlist. Apps extend the Markdown through two registries instead
of importing each other: fenced blocks (```gallery) and image sources (photo:12)."""

import copy
import html

import ada_url
import nh3
from anyascii import anyascii
from django.conf import settings
from django.utils.text import slugify
from markdown_it import MarkdownIt
from markdown_it.token import Token

# name -> callable(content: str, *, options: list[str]) -> HTML, options being the words after
# the name (```gallery wide); the HTML is sanitised with everything else.
FENCES = {}
# scheme -> callable(target: str, *, alt: str, title: str) -> HTML or None (None: drop it).
IMAGE_SOURCES = {}
# callables(source: str) -> list of messages; a post whose source yields any is not published.
PUBLISH_CHECKS = []

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "s", "small",
    "source", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot",
    "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading", "decoding", "srcset", "sizes"},
    "source": {"srcset", "sizes", "type", "media", "width", "height"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "time": {"datetime"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def register_fence(name, renderer):
    FENCES[name] = renderer


def register_image_source(scheme, resolver):
    IMAGE_SOURCES[scheme] = resolver


def register_publish_check(check):
    PUBLISH_CHECKS.append(check)


def publish_problems(source):
    """Why this Markdown cannot be published yet (e.g. a photo without alt text)."""
    return [message for check in PUBLISH_CHECKS for message in check(source or "")]


def _fence(self, tokens, idx, options, env):
    token = tokens[idx]
    name, *words = token.info.split() or [""]
    if name in FENCES:
        return FENCES[name](token.content, options=words)
    return self.fence(tokens, idx, options, env)


def _image(self, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    scheme, _sep, target = src.partition(":")
    if scheme in IMAGE_SOURCES:
        alt = self.renderInlineAsText(token.children or [], options, env)
        return IMAGE_SOURCES[scheme](target, alt=alt, title=token.attrGet("title") or "") or ""
    if not _on_our_site(src):
        # Public pages load nothing from other sites: the reader gets a link instead.
        alt = self.renderInlineAsText(token.children or [], options, env) or src
        return f'<a href="{html.escape(src)}">{html.escape(alt)}</a>'
    return self.image(tokens, idx, options, env)


# Two bases no real site has: an address that comes out on each base's own host,
# resolved against either, is relative to the page and so stays on our site.
_BASES = ("https://a.grassroots.invalid/", "https://b.grassroots.invalid/")
_C0_AND_SPACE = "".join(map(chr, range(33)))


def _resolves_under(url, base):
    """Whether a browser on a page at `base` would load `url` from under `base`."""
    try:
        resolved, root = ada_url.URL(url, base), ada_url.URL(base)
    except ValueError:  # an address a browser cannot parse loads nothing
        return False
    return resolved.origin == root.origin and resolved.pathname.startswith(root.pathname)


def _on_our_site(url):
    """A site-relative address, or one under an absolute MEDIA_URL (photos elsewhere).
    Decided on the address a browser would load, by a WHATWG URL parser (ada, as in
    browsers and Node): browsers drop tabs and newlines, read a backslash as a slash and
    strip leading control characters, so "/\t/evil.example/" goes to another host."""
    media = settings.MEDIA_URL
    if "://" in media and _resolves_under(url, media):
        return True
    relative = url.strip(_C0_AND_SPACE).startswith("/")
    return relative and all(_resolves_under(url, base) for base in _BASES)


def _keep_attribute(tag, attribute, value):
    """Images and their sources only from our own site (raw HTML in a post included)."""
    if attribute == "src" and tag == "img":
        return value if _on_our_site(value) else None
    if attribute == "srcset":
        candidates = [part.strip() for part in value.split(",") if part.strip()]
        return value if all(_on_our_site(part) for part in candidates) else None
    return value


def _heading_anchors(state):
    """Give every heading an id so readers can link to a section. The body's top level
    (whether the author wrote # or ##) becomes <h2> under the page's own <h1> (the post
    title), and the levels below keep their steps, so no level is skipped."""
    levels = [int(t.tag[1]) for t in state.tokens if t.type == "heading_open"]
    shift = 2 - min(levels, default=2)
    seen = set()
    for index, token in enumerate(state.tokens):
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
        if token.type != "heading_open":
            continue
        text = state.tokens[index + 1].content
        base = slugify(text, allow_unicode=True) or "section"
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        token.attrSet("id", anchor)


def _meaningful(children):
    return [
        child
        for child in children or []
        if not (
            child.type in {"softbreak", "hardbreak"}
            or (child.type == "text" and not child.content.strip())
        )
    ]


def _block_images(state):
    """A paragraph holding nothing but one image from a registered source (photo:12) is a
    block of its own: its resolver returns a <figure>, which may not sit inside a <p>."""
    tokens = state.tokens
    for index in range(len(tokens) - 2):
        opening, inline, closing = tokens[index : index + 3]
        if opening.type != "paragraph_open" or inline.type != "inline":
            continue
        children = _meaningful(inline.children)
        if len(children) == 1 and children[0].type == "image":
            scheme = (children[0].attrGet("src") or "").partition(":")[0]
            if scheme in IMAGE_SOURCES:
                opening.hidden = closing.hidden = True
                inline.children = children


ATTRIBUTION_PREFIXES = ("— ", "-- ", "― ")


def _split_attribution(inline):
    """If the paragraph's last line starts with a dash, return (quote children, attribution
    children); the attribution's dash is normalised to an em dash."""
    children = inline.children or []
    cut = None
    for position, child in enumerate(children):
        at_line_start = position == 0 or children[position - 1].type in {"softbreak", "hardbreak"}
        if (
            at_line_start
            and child.type == "text"
            and child.content.startswith(ATTRIBUTION_PREFIXES)
        ):
            cut = position
    if cut is None:
        return None
    quote = children[: max(0, cut - 1)] if cut else []
    attribution = [copy.copy(child) for child in children[cut:]]
    first = attribution[0]
    first.content = "— " + first.content.split(" ", 1)[1].lstrip()
    return quote, attribution


def _quote_attributions(state):
    """A blockquote whose last paragraph (or last line) starts with "— " or "-- " becomes
    <figure class="quote"><blockquote>…</blockquote><figcaption>— Name</figcaption></figure>
    (docs/writing.md)."""
    tokens = state.tokens
    index = 0
    while index < len(tokens):
        if tokens[index].type != "blockquote_open":
            index += 1
            continue
        level = tokens[index].level
        end = next(
            i
            for i in range(index + 1, len(tokens))
            if tokens[i].type == "blockquote_close" and tokens[i].level == level
        )
        p_close, inline, p_open = tokens[end - 1], tokens[end - 2], tokens[end - 3]
        split = None
        if (
            p_close.type == "paragraph_close"
            and inline.type == "inline"
            and p_open.type == "paragraph_open"
            and p_open.level == level + 1
        ):
            split = _split_attribution(inline)
        if split is None or (not split[0] and end - 3 == index + 1):
            index = end + 1
            continue
        quote_children, attribution_children = split
        figure_open = Token("figure_open", "figure", 1, attrs={"class": "quote"}, block=True)
        figure_close = Token("figure_close", "figure", -1, block=True)
        caption_open = Token("figcaption_open", "figcaption", 1, block=True)
        caption_close = Token("figcaption_close", "figcaption", -1, block=True)
        caption = Token("inline", "", 0, children=attribution_children, content="")
        if quote_children:
            inline.children = quote_children
            middle = [*tokens[index : end - 3], p_open, inline, p_close]
        else:
            middle = tokens[index : end - 3]
        replacement = [
            figure_open,
            *middle,
            tokens[end],
            caption_open,
            caption,
            caption_close,
            figure_close,
        ]
        tokens[index : end + 1] = replacement
        index += len(replacement)


def _parser():
    md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(
        ["table", "strikethrough"]
    )
    md.core.ruler.push("heading_anchors", _heading_anchors)
    md.core.ruler.push("block_images", _block_images)
    md.core.ruler.push("quote_attributions", _quote_attributions)
    md.add_render_rule("fence", _fence)
    md.add_render_rule("image", _image)
    return md


_MARKDOWN = _parser()


def sanitize(raw_html):
    return nh3.clean(
        raw_html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )


def markdown_to_html(source):
    """Markdown source -> safe HTML. Raw HTML in the source is sanitised, never trusted."""
    return sanitize(_MARKDOWN.render(source or ""))


def plain_text(source, *, limit=None):
    """Text with every tag removed, for excerpts, meta descriptions and search."""
    text = html.unescape(nh3.clean(markdown_to_html(source), tags=set()))
    text = " ".join(text.split())
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def ascii_slug(text, *, max_length=200):
    """A readable Latin slug from a title in any script. anyascii transliterates (Russian and
    Kazakh Cyrillic as in BGN/PCGN: ж -> zh, щ -> shch, ы -> y, қ -> q, ә -> a, ң -> ng),
    then Django's slugify keeps a-z, 0-9 and hyphens. May be empty (e.g. a title of "!!!")."""
    slug = slugify(anyascii(text or ""))
    return slug[:max_length].strip("-")


def lead_text(source, *, limit=None):
    """Plain text of the opening paragraphs, up to the first quote, list, heading or photo:
    what a listing shows when staff wrote no excerpt. Falls back to all of the text."""
    tokens = _MARKDOWN.parse(source or "")
    parts = []
    for index, token in enumerate(tokens):
        if token.level != 0 or token.type.endswith("_close"):
            continue
        if token.type != "paragraph_open":
            break
        inline = tokens[index + 1]
        if any(child.type == "image" for child in _meaningful(inline.children)):
            break
        parts.append(plain_text(inline.content))
        if limit and sum(len(part) + 1 for part in parts) > limit:
            break
    text = " ".join(part for part in parts if part) or plain_text(source)
    if limit and len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text
