"""How the post page shows comments without the blog app importing this one. The section
costs one query whatever the number of comments (plus one for a commenter's own held
comments, only in the browser that wrote them)."""

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape, format_html
from django.utils.translation import gettext as _

from grassroots.comments import guard, own, selectors
from grassroots.comments.forms import CommentForm
from grassroots.comments.services.own import edit_window_open, edit_window_open_at
from grassroots.comments.thread import render as render_thread
from grassroots.comments.thread import thread_html

register = template.Library()


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comment_section(context, post):
    request = context.get("request")
    mine = own.read(request)
    closed = selectors.comments_closed(post)
    thread = thread_html(post, closed=closed)
    now = timezone.now()
    # A secret-less entry (from a followed mail link) proves the address, not authorship.
    editable = {
        pk
        for pk, secret in mine.items()
        if secret and pk in thread.written and edit_window_open_at(thread.written[pk], now=now)
    }
    if editable:  # this reader's own recent comments get Edit links: their page alone
        thread = render_thread(post, closed=closed, editable=editable)
    held = selectors.comment_list_own(post, list(mine))
    for comment in held:
        comment.editable = bool(mine.get(comment.pk)) and edit_window_open(comment, now=now)
    form = None if closed else CommentForm(initial={"token": guard.issue_token(post.pk)})
    return {
        "post": post,
        "request": request,
        "thread": thread,
        "held": held,
        "closed": closed,
        "form": form,
        "max_depth": settings.GRASSROOTS_COMMENT_MAX_DEPTH,
    }


@register.simple_tag
def comment_feed_link(post):
    """A <link rel="alternate"> to this post's comment feed, for the page's <head>."""
    return format_html(
        '<link rel="alternate" type="application/atom+xml" title="{}" href="{}">',
        _("Comments on “%(post)s”") % {"post": post.title},
        reverse("comments:post_feed_atom", args=[post.pk]),
    )


@register.simple_tag
def comment_count(post):
    """For listings: the count the comments app keeps on the post, no query."""
    return post.comment_count


def _stamp_formats():
    """The language's date as post bylines show it (DATE_FORMAT), then its time: one way
    of writing a date per language across the page (grassroots/formats fills the gaps)."""
    return "DATE_FORMAT", "TIME_FORMAT"


@register.simple_tag
def comment_byline(comment):
    """ "Posted by: NAME at DATE TIME" in the active (blog's) language and time zone."""
    when = timezone.localtime(comment.created_at)
    name = format_html('<bdi class="comment-name">{}</bdi>', comment.name)
    if comment.website:
        name = format_html('<a href="{}" rel="nofollow ugc noopener">{}</a>', comment.website, name)
    date_format, time_format = _stamp_formats()
    stamp = format_html(
        '<time datetime="{}">{} {}</time>',
        when.isoformat(timespec="seconds"),  # HTML allows at most milliseconds
        formats.date_format(when, date_format),
        formats.time_format(when, time_format),
    )
    return format_html(
        escape(_("Posted by: %(name)s at %(when)s"))
        .replace("%(name)s", "{name}")
        .replace("%(when)s", "{when}"),
        name=name,
        when=stamp,
    )
