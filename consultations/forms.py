from django import forms

from core.forms import PublicFormMixin

from .follows import follows_when_taking_part, set_follows_when_taking_part


class TakingPartForm(PublicFormMixin, forms.Form):
    follow = forms.BooleanField(
        label="Follow the consultations I take part in",
        required=False,
        help_text="Commenting, answering a survey or registering for an event follows its consultation.",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["follow"].initial = follows_when_taking_part(user)

    def save(self):
        set_follows_when_taking_part(self.user, self.cleaned_data.get("follow", False))
