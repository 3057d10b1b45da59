import feedparser
from django.contrib.auth import get_user_model
from django.urls import reverse

from grassroots.blog.models import Blog, Post
from grassroots.comments import services
from tests.comments.conftest import token_for
from tests.factories import make_post


def seed(blog, post):
    blog.comment_policy = Blog.CommentPolicy.OPEN
    blog.save()
    shown = services.comment_submit(
        post=post,
        name="<b>Ana</b>",
        email="ana@example.org",
        body="Visible <script>alert(1)</script> https://example.org/",
        token=token_for(post),
    ).comment
    blog.comment_policy = Blog.CommentPolicy.HOLD_ALL
    blog.save()
    services.comment_submit(
        post=post, name="Bo", email="bo@example.org", body="Held text", token=token_for(post)
    )
    return shown


def test_blog_and_post_feeds_list_approved_comments_only(client, blog, post):
    shown = seed(blog, post)
    other = make_post(title="Other", slug="other")
    for url in [
        reverse("comments:feed"),
        reverse("comments:feed_atom"),
        reverse("comments:post_feed", args=[post.pk]),
        reverse("comments:post_feed_atom", args=[post.pk]),
    ]:
        response = client.get(url)
        feed = feedparser.parse(response.content)
        assert not feed.bozo, url
        [entry] = feed.entries
        assert entry.link.endswith(f"#comment-{shown.pk}")
        assert "Held text" not in response.content.decode()
        assert "<script>" not in response.content.decode()
        assert "ana@example.org" not in response.content.decode()
    empty = feedparser.parse(client.get(reverse("comments:post_feed", args=[other.pk])).content)
    assert empty.entries == []


def test_feeds_of_drafts_and_missing_posts_are_not_found(client, blog):
    draft = make_post(title="Draft", slug="draft", status=Post.Status.DRAFT)
    assert client.get(reverse("comments:post_feed", args=[draft.pk])).status_code == 404
    assert client.get(reverse("comments:post_feed", args=[424242])).status_code == 404


def test_the_moderation_feed_is_for_moderators_only(client, blog, post):
    # Staff status alone (an author, say) does not show the queue: held comments may be
    # abuse or personal details that only moderators should read (issue 12, item 5).
    from django.contrib.auth.models import Permission

    seed(blog, post)
    url = reverse("comments:moderation_feed")
    assert client.get(url).status_code == 302
    staff = get_user_model().objects.create_user("author", "", "x" * 20, is_staff=True)
    client.force_login(staff)
    refused = client.get(url)
    assert refused.status_code == 403 and b"Bo" not in refused.content
    staff.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    moderator = get_user_model().objects.get(pk=staff.pk)
    client.force_login(moderator)
    feed = feedparser.parse(client.get(url).content)
    assert [e.title for e in feed.entries] == [
        "Bo on “A day in the park” (The blog holds every comment)"
    ]
    client.force_login(get_user_model().objects.create_superuser("root", "", "y" * 20))
    assert client.get(url).status_code == 200


def test_the_post_page_head_can_link_the_comment_feed(post):
    from django.template import Context, Template

    html = Template("{% load comment_tags %}{% comment_feed_link post %}").render(
        Context({"post": post})
    )
    assert 'rel="alternate" type="application/atom+xml"' in html
    assert f'href="/comments/feed/post/{post.pk}/atom/"' in html
