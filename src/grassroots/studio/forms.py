"""The studio's forms. They parse and check what a person typed; rules stay in services."""

import datetime
import zoneinfo

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from grassroots.blog.models import Author, MenuItem, Page
from grassroots.blog.selectors import blog_identity
from grassroots.photos.models import Photo

LANGUAGE_CHOICES = [("", _("The blog's language")), *settings.LANGUAGES]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class EditorPhotosFields(forms.Form):
    """The photos panel of the post and page editors (studio/_editor_photos.html)."""

    photos = MultipleFileField(
        label=_("Add photos"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}),
    )
    blur_faces = forms.BooleanField(label=_("Blur faces in these photos"), required=False)


class PostEditorForm(EditorPhotosFields):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 22, "class": "editor-body", "spellcheck": "true"}),
        help_text=_("Markdown. The toolbar adds formatting; the writing guide explains it all."),
    )
    excerpt = forms.CharField(
        label=_("Excerpt"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown in listings and feeds. Empty: the start of the text."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=1000,
        help_text=_("Separate tags with commas."),
    )
    authors = forms.ModelMultipleChoiceField(
        label=_("Bylines"),
        queryset=Author.objects.only("display_name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    cover = forms.ModelChoiceField(
        label=_("Cover photo"),
        queryset=Photo.objects.defer("renditions", "removed", "face_suggestions"),
        required=False,
        empty_label=_("No cover"),
    )
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES, required=False)
    comments_open = forms.BooleanField(label=_("Comments open"), required=False)
    slug = forms.SlugField(
        label=_("Address (slug)"),
        max_length=200,
        required=False,
        help_text=_("Empty: made from the title."),
    )
    publish_date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    publish_time = forms.TimeField(
        label=_("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    note = forms.CharField(
        label=_("Note for the author"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def tag_names(self):
        raw = self.cleaned_data.get("tags", "")
        seen, names = set(), []
        for name in (part.strip()[:80] for part in raw.split(",")):
            if name and name.lower() not in seen:
                seen.add(name.lower())
                names.append(name)
        return names

    def publish_at(self):
        """The date and time typed, read in the blog's time zone; None when left empty."""
        day, time = self.cleaned_data.get("publish_date"), self.cleaned_data.get("publish_time")
        if not day:
            return None
        zone = zoneinfo.ZoneInfo(blog_identity().time_zone)
        return datetime.datetime.combine(day, time or datetime.time(9, 0), tzinfo=zone)

    def data_for_save(self):
        data = self.cleaned_data
        return {
            "title": data["title"].strip(),
            "body": data["body"],
            "excerpt": data["excerpt"],
            "tags": self.tag_names(),
            "cover": data["cover"],
            "language": data["language"],
            "comments_open": data["comments_open"],
            **({"authors": list(data["authors"])} if data["authors"] else {}),
            **({"slug": data["slug"]} if data["slug"] else {}),
        }


def local_parts(moment):
    """(date, time) of an aware datetime in the blog's time zone, for the form's fields."""
    if moment is None:
        return None, None
    local = timezone.localtime(moment, zoneinfo.ZoneInfo(blog_identity().time_zone))
    return local.date(), local.time().replace(second=0, microsecond=0)


class PageForm(EditorPhotosFields, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    class Meta:
        model = Page
        fields = ["title", "slug", "body", "language"]
        widgets = {"body": forms.Textarea(attrs={"rows": 22, "class": "editor-body"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("The page's address: /slug/. Empty: made from the title.")

    def clean_slug(self):
        from grassroots.blog.services import unique_slug

        slug = self.cleaned_data.get("slug") or ""
        title = self.data.get("title", "")
        return slug or unique_slug(Page, title, exclude_pk=self.instance.pk, max_length=100)

    def save_args(self):
        """What blog/page_editing.py's page_save takes from this form."""
        data = {name: self.cleaned_data[name] for name in ("title", "slug", "body", "language")}
        force = self.data.get("force") == "1"
        return {"data": data, "base_version": self.cleaned_data.get("version"), "force": force}


def page_initial(page):
    """The editor shows a public page's pending changes, not its published text."""
    if page is None:
        return {"version": 0}
    from grassroots.blog.page_editing import page_editor_values

    return {"version": page.version, **page_editor_values(page=page)}


class MenuItemForm(forms.ModelForm):
    class Meta:
        model = MenuItem
        fields = ["page", "label", "url"]
