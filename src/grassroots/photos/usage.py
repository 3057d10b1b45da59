"""Where photos are used. Photos know nothing of posts (DESIGN.md section 3): the apps that
show photos register here, in their AppConfig.ready(), a finder that says which of their
pages use which photos (how they react to a changed photo is hooks.photo_changed)."""

from dataclasses import dataclass

_finders = []


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
    if finder not in _finders:
        _finders.append(finder)


def uses_of(photo_ids):
    """{photo_id: [Use, ...]} for every given id (an empty list where nothing uses it)."""
    found = {pk: [] for pk in photo_ids}
    for finder in _finders:
        for pk, uses in finder(list(found)).items():
            found.setdefault(pk, []).extend(uses)
    return found


class PhotoInUse(Exception):
    """The photo is on pages readers see; `uses` lists them."""

    def __init__(self, uses):
        super().__init__(", ".join(use.title for use in uses))
        self.uses = uses
