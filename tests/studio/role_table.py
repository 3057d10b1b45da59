"""Who may reach each studio address: one row per URL name of the studio app, so a new
address without a row fails tests/studio/test_roles.py. The objects belong to the Editor,
so an Author or a Contributor meets someone else's post there."""

from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

E, A, C, M = "Editor", "Author", "Contributor", "Moderator"
STAFF = {E, A, C, M}
WRITERS = {E, A, C}

# name: (method, roles that get through). Everyone else gets 403 or 404.
RULES = {
    "home": ("get", STAFF),
    "guide": ("get", STAFF),
    "live_preview": ("post", STAFF),  # renders Markdown only: nothing to see or change
    "shared_preview": ("get", STAFF),  # a signed link works for anyone who has it
    "post_list": ("get", STAFF),  # each person's own posts: a Moderator's list is empty
    "post_new": ("get", WRITERS),
    "post_autosave_new": ("post", WRITERS),
    "post_edit": ("get", {E}),
    "post_autosave": ("post", {E}),
    "post_delete": ("get", {E}),
    "post_preview": ("get", {E}),
    "post_share": ("post", {E}),
    "revision_list": ("get", {E}),
    "revision_diff": ("get", {E}),
    "revision_restore": ("post", {E}),
    "review_list": ("get", {E}),
    "editor_photo_upload": ("post", WRITERS),
    # A photo no published post shows may be changed by any writer (photo_rules).
    "editor_photo_update": ("post", WRITERS),
    "editor_photo_blur": ("post", WRITERS),
    "page_list": ("get", {E}),
    "page_new": ("get", {E}),
    "page_autosave_new": ("post", {E}),
    "page_edit": ("get", {E}),
    "page_autosave": ("post", {E}),
    "page_delete": ("post", {E}),
    "page_preview": ("get", {E}),
    "page_revision_list": ("get", {E}),
    "page_revision_diff": ("get", {E}),
    "page_revision_restore": ("post", {E}),
    "menu": ("get", set()),  # Administrators only
    "menu_change": ("post", set()),
    "menu_order": ("post", set()),
    "comment_queue": ("get", {E, M}),
    "comment_act": ("post", {E, M}),
    "comment_detail": ("get", {E, M}),
    "comment_reply": ("post", {E, M}),
    "comment_email": ("post", {E, M}),
    "blocklist": ("get", {E, M}),
    "blocklist_remove": ("post", {E, M}),
    "photo_library": ("get", WRITERS),
    "photo_upload": ("get", WRITERS),
    "photo_describe": ("get", WRITERS),
    "photo_detail": ("get", WRITERS),
    "photo_blur": ("post", WRITERS),
    "photo_replace": ("post", WRITERS),
    "photo_delete": ("get", {E}),
}


def studio_url_names():
    resolver = get_resolver()
    studio = resolver.namespace_dict["studio"][1]

    def walk(patterns):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns)
            else:
                yield pattern.name

    return set(walk(studio.url_patterns))


def objects_for(people):
    """One of each thing a studio address names, made by or for the Editor."""
    from grassroots.blog import editing, page_editing, pages
    from grassroots.comments.models import BlockedTerm
    from grassroots.photos import services as photo_services
    from grassroots.studio import previews
    from tests.factories import make_post
    from tests.photos import corpus
    from tests.studio.helpers import make_pending

    editor = people[E]
    post = make_post(title="Editor's own", authors=[editing.author_for_user(user=editor)])
    text = {"title": "Editor's own", "body": "Text.", "excerpt": "", "tags": [], "cover": None}
    editing.post_edit(post=post, user=editor, base_version=post.version, data=text)
    page = pages.page_create(title="About us", body="We.", status="published")
    data = {"title": "About us", "slug": "about-us", "body": "We, again.", "language": ""}
    page_editing.page_save(page=page, user=editor, data=data)
    photo = photo_services.photo_upload(data=corpus.jpeg_bytes(corpus.scene((64, 48))))
    return {
        "post": post,
        "revision": post.revisions.first(),
        "page": page,
        "page_revision": page.revisions.first(),
        "photo": photo,
        "comment": make_pending(post)[0],
        "term": BlockedTerm.objects.create(kind="word", value="casino"),
        "menu": pages.menu_item_add(page=page),
        "token": previews.share_token(post),
    }


def url_for(name, objects):
    """The address of `name` with the objects it names."""
    kind = "page" if name.startswith("page_") else name.split("_")[0]
    own = {
        "post": "post", "revision": "post", "editor": "photo", "photo": "photo",
        "page": "page", "menu": "menu", "comment": "comment", "blocklist": "term",
    }.get(kind)  # fmt: skip
    for kwargs in (
        {},
        {"token": objects["token"]},
        {"pk": objects[own].pk} if own else None,
    ):
        if kwargs is None:
            continue
        if name.endswith("revision_restore"):
            revision = objects["page_revision" if kind == "page" else "revision"]
            kwargs = dict(kwargs, revision=revision.pk)
        try:
            url = reverse(f"studio:{name}", kwargs=kwargs)
        except NoReverseMatch:  # not these arguments: try the next
            continue
        if name.endswith("_diff"):
            revision = objects["page_revision" if kind == "page" else "revision"]
            url += f"?from={revision.pk}&to={revision.pk}"
        if name == "photo_describe":
            url += f"?ids={objects['photo'].pk}"
        return url
    raise AssertionError(f"no arguments for studio:{name}")
