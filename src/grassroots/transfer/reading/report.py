"""What an import did, counted per kind, printed at the end and saved as JSON: the report
must match what happened, so every branch of an importer says what it did here."""

import json
from collections import Counter, defaultdict

from django.utils.translation import gettext as _

IMPORTED, UPDATED, UNCHANGED, SKIPPED = "imported", "updated", "unchanged", "skipped"


def _outcome(name):
    """The four fixed outcomes are JSON keys in English; printed, they are translated."""
    labels = {
        IMPORTED: _("imported"),
        UPDATED: _("updated"),
        UNCHANGED: _("unchanged"),
        SKIPPED: _("skipped"),
    }
    return labels.get(name, name)


class Report:
    def __init__(self, *, source, file, dry_run=False):
        self.source, self.file, self.dry_run = source, str(file), dry_run
        self.counts = defaultdict(Counter)  # kind -> {imported, updated, unchanged, skipped}
        self.skipped = defaultdict(Counter)  # kind -> {reason: n}
        self.missing_media = []  # addresses or paths of files that could not be had
        self.unknown_shortcodes = Counter()
        self.rewritten_links = 0
        self.categories_became_tags = 0
        self.notes = []  # one line each: things staff should look at
        self._noted = set()

    def count(self, kind, outcome, n=1):
        self.counts[kind][str(outcome)] += n

    def skip(self, kind, reason):
        self.counts[kind][SKIPPED] += 1
        self.skipped[kind][str(reason)] += 1

    def missing(self, address):
        if address not in self.missing_media:
            self.missing_media.append(address)

    def note(self, line):
        line = str(line)
        if line not in self._noted:
            self._noted.add(line)
            self.notes.append(line)

    def as_dict(self):
        return {
            "source": self.source,
            "file": self.file,
            "dry_run": self.dry_run,
            "counts": {kind: dict(counter) for kind, counter in sorted(self.counts.items())},
            "skipped": {kind: dict(counter) for kind, counter in sorted(self.skipped.items())},
            "missing_media": self.missing_media,
            "unknown_shortcodes": dict(self.unknown_shortcodes),
            "rewritten_links": self.rewritten_links,
            "categories_became_tags": self.categories_became_tags,
            "notes": self.notes,
        }

    def save(self, path):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n")

    def lines(self):
        head = _("Dry run: nothing was written.") if self.dry_run else _("Import finished.")
        out = [head]
        for kind, counter in sorted(self.counts.items()):
            parts = ", ".join(f"{_outcome(outcome)} {n}" for outcome, n in sorted(counter.items()))
            out.append(f"  {kind}: {parts}")
            for reason, n in sorted(self.skipped[kind].items()):
                out.append("    " + _("skipped %(n)d: %(reason)s") % {"n": n, "reason": reason})
        if self.categories_became_tags:
            out.append(
                _("Categories became tags: %(n)d (Grassroots has tags only).")
                % {"n": self.categories_became_tags}
            )
        if self.rewritten_links:
            out.append(_("Links to the old site rewritten: %(n)d") % {"n": self.rewritten_links})
        if self.unknown_shortcodes:
            names = ", ".join(f"[{k}] ×{v}" for k, v in self.unknown_shortcodes.most_common())
            out.append(_("Unknown shortcodes kept as visible text: %(names)s") % {"names": names})
        if self.missing_media:
            out.append(_("Missing media (%(n)d):") % {"n": len(self.missing_media)})
            out += [f"  - {address}" for address in self.missing_media[:50]]
            if len(self.missing_media) > 50:
                out.append("  …")
        out += [f"! {line}" for line in self.notes]
        return out
