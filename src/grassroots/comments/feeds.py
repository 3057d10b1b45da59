"""Feeds of approved comments, for the blog and per post, and a feed of the moderation
queue for staff. Items carry the commenter's name only, never an email."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from grassroots.blog.selectors import blog_identity
from grassroots.comments import selectors
from grassroots.comments.models import post_url


class CommentFeed(Feed):
    def get_object(self, request, post_id=None):
        if post_id is None:
            return None
        post = selectors.post_for_comments(post_id)
        if post is None:
            raise Http404
        return post

    def title(self, post):
        blog = blog_identity()
        if post is None:
            return _("Comments on %(blog)s") % {"blog": blog.title}
        return _("Comments on “%(post)s”") % {"post": post.title}

    def link(self, post):
        return post_url(post) if post is not None else "/"

    def description(self, post):
        return self.title(post)

    def items(self, post):
        return selectors.comment_list_recent(post=post)

    def item_title(self, comment):
        return _("%(name)s on “%(post)s”") % {"name": comment.name, "post": comment.post.title}

    def item_description(self, comment):
        return comment.body_html

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_author_name(self, comment):
        return comment.name

    def item_pubdate(self, comment):
        return comment.created_at

    def item_updateddate(self, comment):
        return comment.edited_at or comment.created_at


class AtomCommentFeed(CommentFeed):
    feed_type = Atom1Feed
    subtitle = CommentFeed.description


class ModerationFeed(AtomCommentFeed):
    def get_object(self, request):
        return None

    def title(self, obj):
        return _("Comments waiting for moderation")

    def items(self, obj):
        return selectors.comment_list_queue()

    def item_title(self, comment):
        return _("%(name)s on “%(post)s” (%(reason)s)") % {
            "name": comment.name,
            "post": comment.post.title,
            "reason": comment.get_reason_display(),
        }

    def item_link(self, comment):
        return reverse("admin:comments_comment_change", args=[comment.pk])


# Staff sign in through the admin's login; among staff, only moderators read the queue.
moderation_feed = staff_member_required(
    permission_required("comments.moderate_comment", raise_exception=True)(ModerationFeed())
)
