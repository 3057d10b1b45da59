"""How higher apps react to photos (DESIGN §3: photos knows nothing of posts). The blog
connects to `photo_changed` and registers a gallery target in its AppConfig.ready()."""

from collections.abc import Callable
from dataclasses import dataclass

from django.dispatch import Signal

# Sent inside the writing transaction, with pk=, after a photo's files, words or existence
# changed, so whatever shows it can render again.
photo_changed = Signal()


@dataclass(frozen=True)
class GalleryTarget:
    """Something photos can be added to as a gallery, by slug (a blog post)."""

    find: Callable  # slug -> target or None
    append: Callable  # (target, photos) -> None; raises ValidationError when refused
    snippet: Callable  # photos -> the text to paste by hand when append was refused


gallery_targets = []


def register_gallery_target(target):
    gallery_targets.append(target)
