from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from grassroots.followers.models import Subscriber


class FollowForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("Never shown to anyone. We mail you a link to confirm first."),
    )
    frequency = forms.ChoiceField(
        label=_("How often?"),
        choices=Subscriber.Frequency.choices,
        widget=forms.RadioSelect,
        initial=Subscriber.Frequency.EACH,
    )
    language = forms.ChoiceField(label=_("Posts in"), choices=settings.LANGUAGES)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
