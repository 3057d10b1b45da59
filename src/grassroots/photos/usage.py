"""Where photos are used. Photos know nothing of posts (DESIGN.md section 3): the apps that
show photos register here, in their AppConfig.ready(), a finder that says which of their
pages use which photos, and a listener that refreshes those pages after a photo changed."""

from dataclasses import dataclass

_finders = []
_listeners = []


@dataclass(frozen=True)
class Use:
    """One page that shows a photo. `public` pages (published or scheduled) would break for
    readers if the photo went away, so such a use blocks deleting it."""

    title: str
    state: str  # how the page's own app speaks of it: "draft", "scheduled", "published"
    public: bool
    url: str = ""


def register_finder(finder):
    """finder(photo_ids) -> {photo_id: [Use, ...]} for the pages of one app."""
    _finders.append(finder)


def register_listener(listener):
    """listener(photo_id) runs after a photo's files, alt text or caption changed, or after
    it was deleted, inside the same transaction."""
    _listeners.append(listener)


def uses_of(photo_ids):
    """{photo_id: [Use, ...]} for every given id (an empty list where nothing uses it)."""
    found = {pk: [] for pk in photo_ids}
    for finder in _finders:
        for pk, uses in finder(list(found)).items():
            found.setdefault(pk, []).extend(uses)
    return found


def photo_changed(photo_id):
    for listener in _listeners:
        listener(photo_id)


class PhotoInUse(Exception):
    """The photo is on pages readers see; `uses` lists them."""

    def __init__(self, uses):
        super().__init__(", ".join(use.title for use in uses))
        self.uses = uses
