"""A readable difference between two texts: words added and removed, in reading order.
difflib (standard library) finds them; we only group them for the template."""

import difflib
import re

TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old, new):
    """[(kind, text)] with kind "same", "added" or "removed"."""
    a, b = TOKENS.findall(old or ""), TOKENS.findall(new or "")
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(b[j1:j2])))
    return parts


def revision_diff(old, new):
    """Each field that differs between two revisions (of a post or a page), as word
    differences."""
    fields = []
    for name in ("title", "excerpt", "body"):
        if name not in old.FIELDS:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            fields.append((name, word_diff(before, after)))
    if "tags" in old.FIELDS and old.tags != new.tags:
        fields.append(("tags", word_diff(", ".join(old.tags), ", ".join(new.tags))))
    if "cover" in old.FIELDS and old.cover_id != new.cover_id:
        fields.append(("cover", word_diff(str(old.cover or "-"), str(new.cover or "-"))))
    return fields
