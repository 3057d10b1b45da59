import re

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from grassroots.comments.models import BODY_MAX_LENGTH, NAME_MAX_LENGTH
from grassroots.comments.render import clean_line, clean_text, has_visible

EMAIL_LIKE = re.compile(r"\S+@\S+\.\S+")


class PlainTextField(forms.CharField):
    """Control characters (NUL too) are dropped before validation, as they are on storing,
    so a stray one never becomes an error message the reader cannot act on."""

    def to_python(self, value):
        return super().to_python(clean_text(value) if isinstance(value, str) else value)


NAME_TOO_LONG = _(
    "Please use a shorter name: at most %(limit_value)d characters (this one has %(show_value)d)."
)
BODY_TOO_LONG = _(
    "Please shorten your comment to at most %(limit_value)d characters (it has %(show_value)d)."
)


class CommentForm(forms.Form):
    name = PlainTextField(
        label=_("Name"), max_length=NAME_MAX_LENGTH, error_messages={"max_length": NAME_TOO_LONG}
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Required, never shown to anyone."),
    )
    website = forms.URLField(
        label=_("Website"),
        required=False,
        max_length=500,
        assume_scheme="https",
    )
    body = PlainTextField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        error_messages={"max_length": BODY_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        help_text=_("Plain text, up to %(limit)s characters. Web addresses become links.")
        % {"limit": f"{BODY_MAX_LENGTH:,}"},
        strip=False,
    )
    notify_replies = forms.BooleanField(
        label=_("Email me replies to this comment (we send one mail to confirm first)"),
        required=False,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    token = forms.CharField(required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people by the stylesheet, filled in by naive robots.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # Only web addresses, and one message when one is wrong (not URLField's and ours).
        self.fields["website"].validators = [URLValidator(schemes=["http", "https"])]

    def clean_parent(self):
        """The comment replied to, as an object (the service checks it fits this post)."""
        from grassroots.comments.models import Comment

        pk = self.cleaned_data.get("parent")
        if not pk:
            return None
        parent = Comment.objects.filter(pk=pk).first()
        if parent is None:
            raise forms.ValidationError(_("The comment you replied to is not there any more."))
        return parent

    def submission(self):
        """The service's keyword arguments from a valid form."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "body": data["body"],
            "website": data["website"],
            "parent": data["parent"],
            "notify_replies": data["notify_replies"],
            "token": data["token"],
            "honeypot": data["homepage"],
        }

    def clean_name(self):
        name = clean_line(self.cleaned_data["name"])
        if not has_visible(name):
            raise forms.ValidationError(_("Please write a name (any name you like)."))
        return name

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"]).strip()
        if not has_visible(body):
            raise forms.ValidationError(_("Please write a comment."))
        return body

    def clean(self):
        """Your email is never shown, even when you type it where things are shown."""
        data = super().clean()
        email = (data.get("email") or "").casefold()
        if email:
            for field in ["name", "body", "website"]:
                if email in (data.get(field) or "").casefold():
                    self.add_error(
                        field,
                        _(
                            "This contains your email address, which we never show. "
                            "Please remove it."
                        ),
                    )
        if "@" in (data.get("name") or "") and EMAIL_LIKE.search(data["name"]):
            self.add_error("name", _("Names are shown to everyone: please do not use an email."))
        return data


class EditForm(forms.Form):
    body = PlainTextField(
        label=_("Comment"),
        max_length=BODY_MAX_LENGTH,
        error_messages={"max_length": BODY_TOO_LONG},
        widget=forms.Textarea(attrs={"rows": 8, "dir": "auto"}),
        strip=False,
    )

    def __init__(self, *args, email="", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email.casefold()

    def clean_body(self):
        body = clean_text(self.cleaned_data["body"]).strip()
        if not has_visible(body):
            raise forms.ValidationError(_("Please write a comment."))
        if self.email and self.email in body.casefold():
            raise forms.ValidationError(
                _("This contains your email address, which we never show. Please remove it.")
            )
        return body


class PrivacyForm(forms.Form):
    email = forms.EmailField(label=_("The email you commented with"), max_length=254)
    action = forms.ChoiceField(
        label=_("What should we do?"),
        choices=[
            ("export", _("Send me a copy of all my comments")),
            ("erase", _("Erase all my comments")),
        ],
        widget=forms.RadioSelect,
        initial="export",
    )
    token = forms.CharField(required=False, widget=forms.HiddenInput)
