"""`grassroots photos import PATH... [--post SLUG]`: clean and store photos from files or
folders, with a progress bar and a summary of what was imported and what was refused."""

import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grassroots.photos import faces, hooks, services
from grassroots.photos.labels import removed_labels
from grassroots.photos.refusals import Refused

BAR_WIDTH = 30


def collect(paths):
    """Files named, and every file inside folders named (recursively), in a stable order.
    Hidden files (.DS_Store and the like) inside folders are skipped."""
    found = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found += sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(_("No such file or folder: %(path)s") % {"path": raw})
    return found


class Command(BaseCommand):
    help = "Work with photos: `photos import PATH...` cleans and stores photos."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True, metavar="import")
        load = sub.add_parser(
            "import",
            help="Import photos from files or folders: every one is re-encoded without metadata.",
        )
        load.add_argument("paths", nargs="+", metavar="PATH", help="photo files or folders")
        load.add_argument("--post", metavar="SLUG", help="add the photos to this post as a gallery")
        load.add_argument("--credit", default="", help="credit line for every imported photo")
        load.add_argument(
            "--blur-faces",
            action="store_true",
            help="blur every face the offline detector finds before anything is stored",
        )

    def handle(self, *args, action, paths, post=None, credit="", blur_faces=False, **options):
        target = self._post(post) if post else None
        files = collect(paths)
        if not files:
            raise CommandError(_("No files found in the paths given."))
        imported, refused = [], []
        for index, path in enumerate(files, start=1):
            self._progress(index, len(files), path.name)
            try:
                with path.open("rb") as handle:
                    photo = services.photo_upload(file=handle, credit=credit, blur_faces=blur_faces)
                imported.append((path, photo))
            except Refused as refusal:
                refused.append((path, refusal.message))
            except faces.DetectorUnavailable:
                raise CommandError(_("Face detection is not installed.")) from None
            except OSError as error:
                refused.append((path, error.strerror or _("cannot be read")))
        self._end_progress()
        added = False
        if target and imported:
            added = self._add_to_post(target, [photo for _path, photo in imported])
        self._summary(imported, refused, target[1] if added else None)
        if refused:
            raise CommandError(
                _("%(count)d file(s) refused; nothing of them was stored.")
                % {"count": len(refused)},
                returncode=1,
            )

    def _post(self, slug):
        # The blog registers where a gallery can go (photos/hooks.py): photos never import it.
        for target in hooks.gallery_targets:
            if (post := target.find(slug)) is not None:
                return target, post
        raise CommandError(_("No post with the slug %(slug)s.") % {"slug": slug})

    def _progress(self, index, total, name):
        done = BAR_WIDTH * index // total
        line = f"[{'#' * done}{'.' * (BAR_WIDTH - done)}] {index}/{total} {name[:40]}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line:<{BAR_WIDTH + 60}}", ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)

    def _end_progress(self):
        if self.stdout.isatty():
            self.stdout.write("")

    def _add_to_post(self, found, photos):
        target, post = found
        try:
            target.append(post, photos)
        except ValidationError as error:
            # Typically: the post is published and these photos have no alt text yet.
            self.stderr.write(
                _("The photos were not added to %(slug)s: %(reason)s")
                % {"slug": post.slug, "reason": " ".join(error.messages)}
            )
            self.stderr.write(_("After adding alt text, paste this into the post:"))
            self.stderr.write(target.snippet(photos))
            return False
        return True

    def _summary(self, imported, refused, post):
        self.stdout.write(
            _("Imported %(count)d photo(s), every one re-encoded without metadata.")
            % {"count": len(imported)}
        )
        for path, photo in imported:
            removed = ", ".join(removed_labels(photo.removed))
            self.stdout.write(f"  + {path}: photo {photo.pk}; " + _("removed: %s") % removed)
        if post and imported:
            self.stdout.write(_("Added to the post %(slug)s as a gallery.") % {"slug": post.slug})
        if refused:
            self.stdout.write(_("Refused %(count)d file(s):") % {"count": len(refused)})
            for path, reason in refused:
                self.stdout.write(f"  - {path}: {reason}")
        if imported and not all(photo.alt_text for _path, photo in imported):
            sys.stdout.flush()
            self.stdout.write(
                _("Add alt text to each photo in the admin before publishing posts that use them.")
            )
