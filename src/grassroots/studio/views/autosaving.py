"""The answer to editor.js's autosave, the same for posts and pages: the saved version and
time, the addresses a new post or page takes once its first autosave made it, or why not."""

from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from grassroots.blog.revisions import EditConflict


def autosave_answer(form, save, *, kind, links):
    """Run `save()` (it returns the post or page) if the form is valid. `links`: name ->
    route of the addresses editor.js fills in for a new one ("preview" -> preview_url)."""
    if not form.is_valid():
        return JsonResponse({"error": _("Not saved: please check the form.")}, status=400)
    try:
        owner = save()
    except EditConflict as conflict:
        return JsonResponse(conflict_json(conflict.latest, page=kind == "page"), status=409)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    urls = {
        f"{name}_url": reverse(f"studio:{route}", args=[owner.pk]) for name, route in links.items()
    }
    return saved_json(owner, edit=f"studio:{kind}_edit", autosave=f"studio:{kind}_autosave", **urls)


def saved_json(owner, *, edit, autosave, **extra):
    """What editor.js learns from an autosave of a post or a page."""
    return JsonResponse(
        {
            "id": owner.pk,
            "version": owner.version,
            "saved": formats.time_format(timezone.localtime(), "TIME_FORMAT"),
            "edit_url": reverse(edit, args=[owner.pk]),
            "autosave_url": reverse(autosave, args=[owner.pk]),
            "pending": bool(owner.pending_id),
            **extra,
        }
    )


def conflict_json(latest, *, page=False):
    who = latest.saved_by.get_full_name() or latest.saved_by.get_username() if latest else ""
    when = timezone.localtime(latest.saved_at) if latest else timezone.now()
    if page:
        text = _(
            "%(who)s saved this page at %(when)s while you were editing. Your text was not "
            "saved: copy it, or reload to see theirs (every version stays in Revisions)."
        )
    else:
        text = _(
            "%(who)s saved this post at %(when)s while you were editing. Your text was not "
            "saved: copy it, or reload to see theirs (every version stays in Revisions)."
        )
    values = {"who": who or _("Someone"), "when": formats.time_format(when, "TIME_FORMAT")}
    return {"conflict": True, "error": text % values}
