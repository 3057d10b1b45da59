"""Photos added to a post: a gallery block appended to its Markdown, saved through the
blog's own services (so validation, rendering and redirects stay theirs)."""

from grassroots.blog import services as blog_services


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
    return blog_services.post_update(post=post, **fields)
