"""Photos added to a post: a gallery block appended to its Markdown, saved through the
blog's own services (so validation, rendering and redirects stay theirs)."""

from django.db.models import Q

from grassroots.blog import pages, services
from grassroots.blog.models import Post
from grassroots.photos import hooks


def gallery_block(photos, captions=None):
    captions = captions or {}
    lines = []
    for photo in photos:
        caption = captions.get(photo.pk, "")
        lines.append(f"photo:{photo.pk} | {caption}" if caption else f"photo:{photo.pk}")
    return "```gallery\n" + "\n".join(lines) + "\n```\n"


def append_gallery(*, post, photos, captions=None, cover=None):
    body = post.body.rstrip("\n")
    body = (body + "\n\n" if body else "") + gallery_block(photos, captions)
    fields = {"body": body}
    if cover is not None:
        fields["cover"] = cover
    elif post.cover_id is None and photos:
        fields["cover"] = photos[0]
    return services.post_update(post=post, **fields)


def posts_using_photo(pk):
    # POSIX-style pattern that SQLite (Django's REGEXP) and PostgreSQL both read: photo:1
    # must not match photo:12. Covers count too: their pages change with the photo's files.
    return Post.objects.filter(Q(body__regex=rf"photo:{pk}([^0-9]|$)") | Q(cover_id=pk))


def rerender_posts_using(*, pk, **kwargs):
    """Posts and standalone pages showing the photo, rendered again with its new text."""
    for post in posts_using_photo(pk):
        services.post_rerender(post=post)
    for page in pages.pages_using_photo(pk):
        pages.page_rerender(page=page)


def connect():
    hooks.photo_changed.connect(rerender_posts_using, dispatch_uid="blog-rerender-photo-posts")
    hooks.register_gallery_target(
        hooks.GalleryTarget(
            find=lambda slug: Post.objects.filter(slug=slug).first(),
            append=lambda post, photos: append_gallery(post=post, photos=photos),
            snippet=gallery_block,
        )
    )
