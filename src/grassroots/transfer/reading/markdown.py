"""WordPress HTML (classic or blocks) -> Markdown for Post.body.

Posts are written in Markdown here, so imported posts are too: staff can edit them like any
other post, photos become `photo:` references that render through the photo pipeline, and
the Markdown is rendered and sanitised by core/text.py when the blog service saves the post
(the one sanitiser). markdownify does the HTML -> Markdown; this module only prepares the
tree: photos, galleries, embeds as links, nothing executable kept even as text."""

import re

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter

from grassroots.transfer.reading import shortcodes

# Gone with their content: nothing of these belongs in a post's text.
DROPPED = [
    "script", "style", "noscript", "object", "embed", "form", "input", "button", "select",
    "textarea", "svg", "math", "canvas", "template", "head", "link", "meta",
]  # fmt: skip
GALLERY_CLASSES = {"wp-block-gallery", "gallery", "blocks-gallery-grid", "tiled-gallery"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")
WP_IMAGE_CLASS = re.compile(r"^wp-image-(\d+)$")


def _md_text(value):
    return " ".join((value or "").replace("[", "(").replace("]", ")").split())


def _md_title(value):
    return " ".join((value or "").replace("\\", "").replace('"', "\u201d").split())


class _Converter(MarkdownConverter):
    class Options(MarkdownConverter.DefaultOptions):
        heading_style = "atx"
        bullets = "-"
        newline_style = "backslash"
        escape_underscores = True
        escape_asterisks = True

    def escape(self, text, parent_tags):
        # A "<" that was text in WordPress stays text here, never becomes a tag.
        return super().escape(text, parent_tags).replace("<", "\\<")

    def convert_grphoto(self, el, text, parent_tags):
        title = f' "{_md_title(el["data-caption"])}"' if el.get("data-caption") else ""
        return f"\n\n![{_md_text(el.get('data-alt'))}](photo:{el['data-id']}{title})\n\n"

    def convert_grgallery(self, el, text, parent_tags):
        lines = [
            f"photo:{item['data-id']}"
            + (f" | {_md_title(item['data-caption'])}" if item.get("data-caption") else "")
            for item in el.find_all("grphoto")
        ]
        return "\n\n```gallery\n" + "\n".join(lines) + "\n```\n\n" if lines else ""

    def convert_cite(self, el, text, parent_tags):
        return text


def _classes(tag):
    return set(tag.get("class") or [])


def _attachment_id(img):
    for name in _classes(img):
        match = WP_IMAGE_CLASS.match(name)
        if match:
            return match.group(1)
    return img.get("data-id") or None


def _caption_of(figure):
    caption = figure.find("figcaption")
    return " ".join(caption.get_text(" ").split()) if caption else ""


def _photo_tag(soup, photo, *, alt, caption):
    tag = soup.new_tag("grphoto")
    tag["data-id"] = str(photo.pk)
    tag["data-alt"] = alt or ""
    tag["data-caption"] = caption if caption and caption != photo.caption else ""
    return tag


def _images(soup, resolver):
    for figure in soup.find_all(["figure", "div", "ul"]):
        if figure.parent is None or not (_classes(figure) & GALLERY_CLASSES):
            continue
        gallery = soup.new_tag("grgallery")
        for img in figure.find_all("img"):
            photo = resolver.photo(img.get("src", ""), _attachment_id(img), img.get("alt", ""))
            if photo is not None:
                holder = img.find_parent(["figure", "li"])
                caption = _caption_of(holder) if holder and holder is not figure else ""
                gallery.append(_photo_tag(soup, photo, alt="", caption=caption))
        figure.replace_with(gallery)
    for img in soup.find_all("img"):
        if img.parent is None:
            continue
        photo = resolver.photo(img.get("src", ""), _attachment_id(img), img.get("alt", ""))
        if photo is None:
            continue
        figure = img.find_parent("figure")
        caption = _caption_of(figure) if figure else ""
        tag = _photo_tag(soup, photo, alt=img.get("alt", ""), caption=caption)
        if figure is not None and len(figure.find_all("img")) == 1:
            figure.replace_with(tag)
            continue
        link = img.find_parent("a")
        (link if link is not None and len(link.find_all("img")) == 1 else img).replace_with(tag)


def _embeds(soup):
    for figure in soup.find_all("figure"):
        if any(name.startswith("wp-block-embed") for name in _classes(figure)):
            url = " ".join(figure.get_text(" ").split()[:1])
            replacement = soup.new_tag("p")
            if url:
                link = soup.new_tag("a", href=url)
                link.string = url
                replacement.append(link)
            figure.replace_with(replacement)
    for frame in soup.find_all(["iframe", "video", "audio"]):
        src = frame.get("src") or ""
        source = frame.find("source")
        src = src or (source.get("src") if source else "") or ""
        replacement = soup.new_tag("p")
        if src.startswith(("http://", "https://")):
            link = soup.new_tag("a", href=src)
            link.string = src
            replacement.append(link)
        frame.replace_with(replacement)


def _links(soup, resolver):
    for link in soup.find_all("a"):
        href = (link.get("href") or "").strip()
        if not href.lower().startswith(SAFE_SCHEMES) or href.startswith("//"):
            del link["href"]
            continue
        link["href"] = resolver.link(href)


def _quotes(soup):
    """<cite> at the end of a quote becomes the "— Name" line that core/text.py turns into
    the quote's attribution (docs/writing.md)."""
    for quote in soup.find_all("blockquote"):
        cite = quote.find("cite")
        if cite is None:
            continue
        name = " ".join(cite.get_text(" ").split())
        cite.decompose()
        if name:
            line = soup.new_tag("p")
            line.string = f"— {name}"
            quote.append(line)


def to_markdown(content, *, resolver, unknown_shortcodes, dropped_blocks, attached=()):
    """The Markdown body of one post or page."""
    content = content or ""
    blocks = shortcodes.has_blocks(content)
    if blocks:
        content = shortcodes.strip_blocks(content, dropped=dropped_blocks)
    content = shortcodes.expand(content, unknown=unknown_shortcodes, attached=attached)
    if not blocks:
        content = shortcodes.autop(content)
    soup = BeautifulSoup(content, "html.parser")
    for tag in soup.find_all(DROPPED):
        tag.decompose()
    _embeds(soup)
    _images(soup, resolver)
    _links(soup, resolver)
    _quotes(soup)
    markdown = _Converter().convert_soup(soup)
    markdown = re.sub(r"[ \t]+\n", "\n", markdown)
    return re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"


def to_plain_text(content):
    """A comment's HTML (WordPress allows a few tags in comments, Disqus sends HTML) as the
    plain text comments are stored in; a link keeps its address in brackets."""
    # autop keeps the newline after each <br> it adds: one line break, not two.
    prepared = re.sub(r"<br\s*/?>\s*\n", "<br>", shortcodes.autop(content or ""))
    soup = BeautifulSoup(prepared, "html.parser")
    for tag in soup.find_all([*DROPPED, "iframe"]):
        tag.decompose()
    for link in soup.find_all("a"):
        href, label = link.get("href") or "", link.get_text()
        if href.startswith(("http://", "https://")) and href.rstrip("/") != label.strip().rstrip(
            "/"
        ):
            link.replace_with(f"{label} ({href})")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    for block in soup.find_all(["p", "blockquote", "li", "div", "pre", "h2", "h3", "h4"]):
        block.insert_after("\n\n")
    text = re.sub(r"[ \t]+\n", "\n", soup.get_text())
    return re.sub(r"\n{3,}", "\n\n", text).strip()
