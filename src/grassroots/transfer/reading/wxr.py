"""WordPress's export format (WXR 1.0 to 1.2) as plain Python values, one item at a time."""

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from grassroots.transfer.reading.xmlstream import children, local, text

HEADER = {"title", "link", "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url"}
TERMS = {"wp:author", "wp:category", "wp:tag", "wp:term"}
NO_DATE = "0000-00-00 00:00:00"


def _int(value, default=0):
    try:
        return int((value or "").strip())
    except ValueError:
        return default


def parse_date(value):
    """A naive WordPress date string, or None for WordPress's zero date."""
    value = (value or "").strip()
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None


def moment(local_value, gmt_value, *, offset):
    """An aware UTC datetime: the GMT field when WordPress filled it in, else the local one
    shifted by the site's offset (learnt from items that have both)."""
    gmt = parse_date(gmt_value)
    if gmt is not None:
        return gmt.replace(tzinfo=UTC)
    local_date = parse_date(local_value)
    if local_date is None:
        return None
    return (local_date - (offset or timedelta(0))).replace(tzinfo=UTC)


def plain(value):
    """Titles and names arrive HTML-escaped (sometimes twice) and may carry tags."""
    from grassroots.transfer.reading.markdown import to_plain_text

    value = html.unescape(value or "")
    if "<" in value or "&" in value:
        value = to_plain_text(value)
    return " ".join(value.split())


@dataclass
class Comment:
    id: str
    author: str
    email: str
    url: str
    date: str
    date_gmt: str
    content: str
    approved: str
    type: str
    parent: str


@dataclass
class Item:
    id: str
    type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    name: str
    date: str
    date_gmt: str
    parent: str
    menu_order: int
    comment_status: str
    password: str
    sticky: bool
    attachment_url: str
    terms: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)
    comments: list = field(default_factory=list)


def item(element):
    meta = {}
    for entry in children(element, "wp:postmeta"):
        meta.setdefault(text(entry, "wp:meta_key"), text(entry, "wp:meta_value"))
    terms = [
        (child.get("domain", ""), child.get("nicename", ""), child.text or "")
        for child in children(element, "category")
    ]
    comments = [
        Comment(
            id=text(c, "wp:comment_id").strip(),
            author=text(c, "wp:comment_author"),
            email=text(c, "wp:comment_author_email").strip(),
            url=text(c, "wp:comment_author_url").strip(),
            date=text(c, "wp:comment_date"),
            date_gmt=text(c, "wp:comment_date_gmt"),
            content=text(c, "wp:comment_content"),
            approved=text(c, "wp:comment_approved").strip(),
            type=text(c, "wp:comment_type").strip(),
            parent=text(c, "wp:comment_parent").strip(),
        )  # IP address and user agent are not even read: they are never stored
        for c in children(element, "wp:comment")
    ]
    return Item(
        id=text(element, "wp:post_id").strip(),
        type=text(element, "wp:post_type").strip() or "post",
        status=text(element, "wp:status").strip() or "publish",
        title=text(element, "title"),
        link=text(element, "link").strip(),
        guid=text(element, "guid").strip(),
        creator=text(element, "dc:creator").strip(),
        content=text(element, "content:encoded"),
        excerpt=text(element, "excerpt:encoded"),
        name=text(element, "wp:post_name").strip(),
        date=text(element, "wp:post_date"),
        date_gmt=text(element, "wp:post_date_gmt"),
        parent=text(element, "wp:post_parent").strip() or "0",
        menu_order=_int(text(element, "wp:menu_order")),
        comment_status=text(element, "wp:comment_status").strip() or "open",
        password=text(element, "wp:post_password"),
        sticky=text(element, "wp:is_sticky").strip() == "1",
        attachment_url=text(element, "wp:attachment_url").strip(),
        terms=terms,
        meta=meta,
        comments=comments,
    )


def term(name, element):
    """(kind, slug, display name, parent slug) of a header term; kind: author, category, tag."""
    if name == "wp:author":
        login = text(element, "wp:author_login").strip()
        full = " ".join(
            part.strip()
            for part in (
                text(element, "wp:author_first_name"),
                text(element, "wp:author_last_name"),
            )
            if part and part.strip()
        )
        display = plain(text(element, "wp:author_display_name")) or full or login
        return "author", login, display, text(element, "wp:author_email").strip()
    if name == "wp:category":
        return (
            "category",
            text(element, "wp:category_nicename").strip(),
            plain(text(element, "wp:cat_name")),
            text(element, "wp:category_parent").strip(),
        )
    if name == "wp:tag":
        return "tag", text(element, "wp:tag_slug").strip(), plain(text(element, "wp:tag_name")), ""
    taxonomy = text(element, "wp:term_taxonomy").strip()
    kind = {"category": "category", "post_tag": "tag"}.get(taxonomy, taxonomy)
    return kind, text(element, "wp:term_slug").strip(), plain(text(element, "wp:term_name")), ""


def tag_name(element):
    return local(element.tag)
