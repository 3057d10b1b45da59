"""Forms of the photo library. Uploads reuse the photos app's own form (its size and count
limits); the words about a photo are the model's fields."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from grassroots.photos.forms import PhotoUploadForm, parse_regions
from grassroots.photos.models import Photo

__all__ = ["BlurForm", "PhotoUploadForm", "PhotoWordsForm", "ReplaceForm", "describe_formset"]


class PhotoWordsForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["title", "alt_text", "caption", "credit"]
        widgets = {
            "alt_text": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
            "caption": forms.Textarea(attrs={"rows": 2, "dir": "auto"}),
        }
        help_texts = {
            "title": _(
                "A name for the library, seen by staff only. The file's own name is not kept."
            ),
        }


class DescribeForm(PhotoWordsForm):
    class Meta(PhotoWordsForm.Meta):
        fields = ["title", "alt_text", "caption"]


def describe_formset(photos, data=None):
    """One title / alt text / caption form per photo just uploaded."""
    factory = forms.modelformset_factory(Photo, form=DescribeForm, extra=0)
    ids = [photo.pk for photo in photos]
    return factory(data, queryset=Photo.objects.filter(pk__in=ids).order_by("pk"))


class BlurForm(forms.Form):
    regions = forms.CharField(
        label=_("Regions to blur"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "photo-regions"}),
        help_text=_(
            "One rectangle per line: x, y, width, height in pixels of the photo. Blurring "
            "cannot be undone: no unblurred copy is kept."
        ),
    )

    def __init__(self, *args, photo, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo = photo
        if photo.face_suggestions and not self.is_bound:
            self.initial["regions"] = "\n".join(
                ", ".join(str(v) for v in region) for region in photo.face_suggestions
            )

    def clean_regions(self):
        regions = parse_regions(
            self.cleaned_data["regions"], width=self.photo.width, height=self.photo.height
        )
        if not regions:
            raise ValidationError(_("Give at least one rectangle to blur."))
        return regions


class ReplaceForm(forms.Form):
    file = forms.FileField(
        label=_("New photo file"),
        allow_empty_file=True,  # photo_replace says why an empty file is refused
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        help_text=_(
            "The new picture replaces this one everywhere it is used; title, alt text and "
            "caption stay. It is cleaned like every upload."
        ),
    )
