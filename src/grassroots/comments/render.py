"""Comments are plain text, not Markdown: escape everything, keep paragraphs and line
breaks, and turn bare URLs into links that pass no reputation (rel="nofollow ugc noopener").
Hand-written because core/text.py is for trusted Markdown; Django's urlize does the links."""

import re
import unicodedata

from django.utils.html import escape, urlize

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Control characters other than tab and newline say nothing a person wrote; noncharacters
# and lone surrogates neither, and XML (the feeds) cannot carry them at all.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def clean_text(text):
    """Newlines normalised, control characters dropped; everything else kept exactly."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", text)


def clean_line(text):
    """A one-line field (a name): no line breaks or control characters, spaces collapsed."""
    return " ".join(CONTROL.sub(" ", (text or "").replace("\r", " ").replace("\n", " ")).split())


# Letters that draw nothing: fillers and blanks that are not Unicode spaces.
BLANK_LETTERS = set("\u115f\u1160\u17b4\u17b5\u180e\u2800\u3164\uffa0")


def has_visible(text):
    """True when some character would draw something; a name or a comment made only of
    zero-width, direction or filler characters shows as nothing."""
    return any(
        not ch.isspace()
        and ch not in BLANK_LETTERS
        and unicodedata.category(ch) not in {"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"}
        for ch in text or ""
    )


# urlize also links email addresses; a comment must not turn anyone's address into a link.
MAILTO = re.compile(r'<a href="mailto:[^"]*">(.*?)</a>')


def _link(paragraph):
    html = urlize(paragraph, trim_url_limit=60, nofollow=True, autoescape=True)
    html = MAILTO.sub(r"\1", html)
    return html.replace('rel="nofollow"', 'rel="nofollow ugc noopener"')


def body_to_html(text):
    """Safe HTML for a comment body."""
    paragraphs = [p.strip("\n") for p in PARAGRAPH_BREAK.split(clean_text(text).strip())]
    parts = []
    for paragraph in paragraphs:
        if not paragraph.strip():
            continue
        lines = [_link(line) for line in paragraph.split("\n")]
        parts.append("<p>" + "<br>".join(lines) + "</p>")
    return "\n".join(parts) or "<p></p>"


def excerpt(text, limit=80):
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


__all__ = ["body_to_html", "clean_line", "clean_text", "escape", "excerpt", "has_visible"]
