"""Forms of the moderation pages: what a moderator sends, checked before any service runs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grassroots.comments.models import BODY_MAX_LENGTH, BlockedTerm, Comment

ACTIONS = {
    "approve": Comment.Status.APPROVED,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
}


class IdsField(forms.TypedMultipleChoiceField):
    """Ticked comment ids: any whole number is a possible one (the services skip ids that
    name no comment), so no list of choices is built."""

    def valid_value(self, value):
        return str(value).isdigit() and len(str(value)) < 12


class ActionForm(forms.Form):
    """One comment's button (act=approve:12) or the bulk buttons with ticked boxes."""

    act = forms.CharField(required=False, max_length=40)
    bulk = forms.ChoiceField(required=False, choices=[(a, a) for a in ACTIONS])
    ids = IdsField(required=False, coerce=int)
    status = forms.ChoiceField(required=False, choices=Comment.Status.choices)

    def clean(self):
        cleaned = super().clean()
        action, _sep, one = (cleaned.get("act") or "").partition(":")
        if action in ACTIONS and one.isdigit():
            cleaned["action"], cleaned["chosen"] = action, [int(one)]
        elif cleaned.get("bulk") and cleaned.get("ids"):
            cleaned["action"], cleaned["chosen"] = cleaned["bulk"], cleaned["ids"]
        else:
            raise forms.ValidationError(_("Tick at least one comment, then choose what to do."))
        return cleaned


class CommentTextForm(forms.Form):
    body = forms.CharField(
        label=_("Comment text"),
        max_length=BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6, "dir": "auto"}),
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply as the blog"),
        max_length=BODY_MAX_LENGTH,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 4, "dir": "auto"}),
        help_text=_("Published at once under the blog's name, as an answer to this comment."),
    )


class BlockedTermForm(forms.ModelForm):
    class Meta:
        model = BlockedTerm
        fields = ["kind", "value", "action", "note"]
