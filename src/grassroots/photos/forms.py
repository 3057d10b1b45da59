import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grassroots.photos.models import Photo


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field. A plain FileField on purpose: forms.ImageField would let
    Pillow open the upload before our limits apply."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        # An empty file is refused by photo_upload, with the others in the batch stored;
        # FileField's own check would refuse the whole batch for it.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data and self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class PhotoUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("Photos"),
        help_text=_(
            "JPEG, PNG, WebP, GIF or HEIC; several at once. Every photo is re-encoded: "
            "location, camera, owner and all other metadata are removed, and the original "
            "file is not kept."
        ),
    )
    credit = forms.CharField(label=_("Credit for all of them"), max_length=200, required=False)
    blur_faces = forms.BooleanField(
        label=_("Blur every face the detector finds before anything is stored"),
        required=False,
        help_text=_("Check the result: no detector finds every face."),
    )


RECTANGLE = re.compile(r"^\s*(\d+)\s*[, ]\s*(\d+)\s*[, ]\s*(\d+)\s*[, ]\s*(\d+)\s*$")
# Each rectangle is blurred over the whole photo's pixels: thousands would tie up a worker
# for minutes. A crowd is better covered by a few larger rectangles.
MAX_REGIONS = 200


def parse_regions(text, *, width, height):
    """'x, y, w, h' per line (photo pixels) -> list of tuples; ValidationError names the
    first line that is not one, so the editor's text can be fixed rather than retyped."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > MAX_REGIONS:
        raise ValidationError(
            _("At most %(max)s rectangles at once; cover groups of faces with larger ones."),
            params={"max": MAX_REGIONS},
        )
    regions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = RECTANGLE.match(line)
        if not match:
            raise ValidationError(
                _("Line %(n)s is not four numbers (x, y, width, height): %(line)s"),
                params={"n": number, "line": line.strip()[:60]},
            )
        x, y, w, h = (int(v) for v in match.groups())
        if w < 2 or h < 2 or x >= width or y >= height:
            raise ValidationError(
                _("Line %(n)s lies outside the photo (%(width)s by %(height)s pixels)."),
                params={"n": number, "width": width, "height": height},
            )
        regions.append((x, y, w, h))
    return regions


class PhotoChangeForm(forms.ModelForm):
    blur_regions = forms.CharField(
        label=_("Regions to blur"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "photo-regions"}),
        help_text=_(
            "One rectangle per line: x, y, width, height in pixels of the photo (drag on the "
            "preview to add one). Detected faces are filled in here for you to check."
        ),
    )
    blur_now = forms.BooleanField(
        label=_("Blur these regions now (cannot be undone: no unblurred copy is kept)"),
        required=False,
    )

    class Meta:
        model = Photo
        fields = ["alt_text", "caption", "credit"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.face_suggestions and not self.is_bound:
            self.initial["blur_regions"] = "\n".join(
                ", ".join(str(v) for v in region) for region in self.instance.face_suggestions
            )

    def clean(self):
        cleaned = super().clean()
        text = cleaned.get("blur_regions") or ""
        try:
            cleaned["regions"] = parse_regions(
                text, width=self.instance.width, height=self.instance.height
            )
        except ValidationError as error:
            cleaned["regions"] = []
            self.add_error("blur_regions", error)
            return cleaned
        if cleaned.get("blur_now") and not cleaned["regions"]:
            self.add_error("blur_regions", _("Give at least one rectangle to blur."))
        return cleaned
