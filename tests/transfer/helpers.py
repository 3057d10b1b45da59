"""What the transfer tests share: the demo site plus private things that must not leak, the
list of public addresses a reader can reach, and pages with per-request tokens masked."""

import re
from urllib.parse import urljoin, urlsplit

from grassroots.blog.models import Post
from grassroots.blog.services import post_update
from grassroots.comments.services import submit
from grassroots.demo import comments, identity, posts
from grassroots.photos.services import photo_upload
from tests.photos import corpus

SECRET_EMAIL = "hidden.reader@example.org"
PENDING_BODY = "A pending comment nobody has approved yet"
LINK = re.compile(r'(?:href|src)="([^"#]*)')
SKIP = ("/admin/", "/comments/", "/studio/", "/search/", "/followers/")
# The comment form's signed time token and CSRF token differ on every request.
TOKENS = re.compile(r'(name="(?:token|csrfmiddlewaretoken)" value=")[^"]*(")')


def load_site():
    """The demo blog (posts, threaded comments), two small photos (a cover and a gallery;
    the demo's own photos take long to make) and a pending comment with an email."""
    for load in (identity.load, posts.load, comments.load):
        load()
    post = Post.objects.public().get(slug="a-day-in-the-park")
    first, second = (
        photo_upload(data=corpus.jpeg_bytes(corpus.scene(size)), alt_text=alt, caption=alt)
        for size, alt in (((400, 300), "Children on the swings"), ((320, 480), "The old oak"))
    )
    post_update(
        post=post,
        cover=first,
        body=post.body + f"\n\n```gallery\nphoto:{first.pk} | Swings\nphoto:{second.pk}\n```\n",
    )
    approved = submit.comment_import(
        post=post, name="Quiet reader", email=SECRET_EMAIL, body="Approved, with an email."
    )
    pending = submit.comment_import(
        post=post, name="Someone", email=SECRET_EMAIL, body=PENDING_BODY
    )
    from grassroots.comments.services.moderation import comment_set_status

    comment_set_status(comments=[pending], status="pending")
    return post, approved


def public_urls(client):
    """Every address reachable from the home page and the sitemap, in a stable order."""
    seen, queue = set(), ["/", "/feed/", "/feed/atom/", "/sitemap.xml", "/comments/feed/"]
    sitemap = client.get("/sitemap.xml").content.decode()
    queue += [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in LINK.findall(response.content.decode()):
            parts = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            if parts.netloc or not parts.path.startswith("/") or parts.path.startswith(SKIP):
                continue
            queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return sorted(seen)


def page(client, url):
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "text/" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
        body = TOKENS.sub(r"\1…\2", body.decode()).encode()
    return response.status_code, body
