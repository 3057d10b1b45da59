"""The mails followers get: plain text and HTML, in the follower's language, with one-click
unsubscribe headers (RFC 8058). No tracking: no pixel, no rewritten links, and no remote
image either (a mail program that loads one tells the sender the mail was opened): the
post's photos are links to our renditions."""

import html as html_lib
import re

import nh3
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from grassroots.blog.selectors import blog_identity
from grassroots.followers import tokens

# Our own photo markup (templates/photos/_figure.html, _gallery.html): link, then picture.
PHOTO = re.compile(
    r'<a class="photo-open" href="(?P<href>[^"]+)"[^>]*><picture>.*?alt="(?P<alt>[^"]*)".*?</a>',
    re.S,
)
MAIL_TAGS = {
    "a", "b", "blockquote", "br", "code", "em", "figcaption", "figure", "h2", "h3", "h4",
    "i", "li", "ol", "p", "pre", "strong", "ul",
}  # fmt: skip


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def _photos_as_links(body_html):
    def link(match):
        return f'<a href="{absolute(match["href"])}">{_("Photo")}: {match["alt"]}</a>'

    html = PHOTO.sub(link, body_html)
    html = re.sub(r'href="/', f'href="{settings.SITE_URL.rstrip("/")}/', html)
    return nh3.clean(html, tags=MAIL_TAGS, attributes={"a": {"href"}}, link_rel=None)


_LINK = re.compile(r'<a href="(?P<href>[^"]*)">(?P<text>.*?)</a>', re.S)
_BLOCK_END = re.compile(r"</(?:p|figure|figcaption|h[2-4]|blockquote|pre|ul|ol)>")


def _as_text(body_html):
    """The plain-text part: links keep their address (a photo is only a link), blocks and
    captions get lines of their own, and entities are read back (no "&amp;" in text)."""
    # The address is set between markers that strip_tags leaves alone, then bracketed.
    text = _LINK.sub(lambda m: f"{m['text']} \x02{m['href']}\x03", body_html)
    text = _BLOCK_END.sub("\n\n", text.replace("<figcaption>", "\n").replace("</li>", "\n"))
    text = html_lib.unescape(strip_tags(text)).replace("\x02", "<").replace("\x03", ">")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _headers(unsubscribe_url):
    return {
        "List-Unsubscribe": f"<{unsubscribe_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }


def _message(*, subject, to, template, context, headers=None):
    blog = blog_identity()
    context = {"blog": blog, "site_url": settings.SITE_URL.rstrip("/"), **context}
    text = render_to_string(f"followers/{template}.txt", context)
    html = render_to_string(f"followers/{template}.html", context)
    subject = " ".join(subject.split())[:180]  # one line, whatever the title holds
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(*, email, language, frequency):
    token = tokens.confirm_token(email=email, language=language, frequency=frequency)
    url = absolute(reverse("followers:confirm", args=[token]))
    with translation.override(language):
        return _message(
            subject=_("Please confirm: follow %(blog)s by email") % {"blog": blog_identity().title},
            to=email,
            template="mail_confirm",
            context={"url": url, "weekly": frequency == "weekly"},
        )


def _unsubscribe_url(subscriber):
    return absolute(reverse("followers:unsubscribe", args=[tokens.unsubscribe_token(subscriber)]))


def _post_context(post):
    body = _photos_as_links(post.body_html)
    return {
        "post": post,
        "url": absolute(post.get_absolute_url()),
        "body_html": body,
        "body_text": _as_text(body),
        "cover_url": absolute(post.cover.rendition_url(10**6)) if post.cover_id else "",
    }


def post_message(subscriber, post):
    unsubscribe = _unsubscribe_url(subscriber)
    with translation.override(subscriber.language):
        return _message(
            subject=post.title,
            to=subscriber.email,
            template="mail_post",
            context={**_post_context(post), "unsubscribe_url": unsubscribe},
            headers=_headers(unsubscribe),
        )


def digest_message(subscriber, posts):
    unsubscribe = _unsubscribe_url(subscriber)
    with translation.override(subscriber.language):
        return _message(
            subject=_("This week on %(blog)s") % {"blog": blog_identity().title},
            to=subscriber.email,
            template="mail_digest",
            context={"posts": [_post_context(p) for p in posts], "unsubscribe_url": unsubscribe},
            headers=_headers(unsubscribe),
        )
