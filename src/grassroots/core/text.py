"""The one place where text becomes HTML: Markdown (markdown-it-py, CommonMark) and then
sanitising (nh3) with one allowlist. Apps extend the Markdown through two registries instead
of importing each other: fenced blocks (```gallery) and image sources (photo:12)."""

import html

import nh3
from django.utils.text import slugify
from markdown_it import MarkdownIt

# name -> callable(content: str) -> HTML; the HTML is sanitised with everything else.
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
    name = token.info.strip().split(maxsplit=1)[0] if token.info.strip() else ""
    if name in FENCES:
        return FENCES[name](token.content)
    return self.fence(tokens, idx, options, env)


def _image(self, tokens, idx, options, env):
    token = tokens[idx]
    src = token.attrGet("src") or ""
    scheme, _sep, target = src.partition(":")
    if scheme in IMAGE_SOURCES:
        alt = self.renderInlineAsText(token.children or [], options, env)
        return IMAGE_SOURCES[scheme](target, alt=alt, title=token.attrGet("title") or "") or ""
    return self.image(tokens, idx, options, env)


def _heading_anchors(state):
    """Give every heading an id so readers can link to a section, one level below the page's
    own <h1> (the post title)."""
    seen = set()
    for index, token in enumerate(state.tokens):
        if token.type in {"heading_open", "heading_close"}:
            token.tag = f"h{min(6, int(token.tag[1]) + 1)}"
        if token.type != "heading_open":
            continue
        text = state.tokens[index + 1].content
        base = slugify(text, allow_unicode=True) or "section"
        anchor, n = base, 2
        while anchor in seen:
            anchor, n = f"{base}-{n}", n + 1
        seen.add(anchor)
        token.attrSet("id", anchor)


def _parser():
    md = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(
        ["table", "strikethrough"]
    )
    md.core.ruler.push("heading_anchors", _heading_anchors)
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
