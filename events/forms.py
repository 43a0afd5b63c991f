from django import forms

from core.forms import PublicFormMixin

from .models import EventRegistration


class RegistrationForm(PublicFormMixin, forms.ModelForm):
    class Meta:
        model = EventRegistration
        fields = ["needs_bsl_interpreter", "needs_step_free_access", "needs_hearing_loop", "other_needs"]
        labels = dict(EventRegistration.ACCESS_NEEDS) | {"other_needs": "Anything else we should arrange?"}
        widgets = {"other_needs": forms.Textarea(attrs={"rows": 3})}
