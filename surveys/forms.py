"""The question types editors can choose, and how each becomes a form field."""

import django.forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

from core.forms import PublicFormMixin


class QuestionType:
    SHORT_TEXT = "singleline"
    LONG_TEXT = "multiline"
    SINGLE_CHOICE = "radio"
    MULTIPLE_CHOICE = "checkboxes"
    DROPDOWN = "dropdown"
    AGREEMENT = "agreement"
    NUMBER = "number"

    # Wagtail's own names are kept for the types it already builds, so its
    # submissions listing and export treat them as it always has.
    CHOICES = [
        (SHORT_TEXT, "Short text"),
        (LONG_TEXT, "Long text"),
        (SINGLE_CHOICE, "Single choice (radio buttons)"),
        (MULTIPLE_CHOICE, "Multiple choice (checkboxes)"),
        (DROPDOWN, "Dropdown"),
        (AGREEMENT, "Agreement scale (1 to 5)"),
        (NUMBER, "Number"),
    ]
    WITH_CHOICES = {SINGLE_CHOICE, MULTIPLE_CHOICE, DROPDOWN}


AGREEMENT_SCALE = [
    (1, "Strongly disagree"),
    (2, "Disagree"),
    (3, "Neither agree nor disagree"),
    (4, "Agree"),
    (5, "Strongly agree"),
]

SHORT_TEXT_MAX_LENGTH = 255
LONG_TEXT_MAX_LENGTH = 5000
NUMBER_MAX_DIGITS = 12


class SurveyForm(PublicFormMixin, BaseForm):
    """The answers form, rendered like every other form on the site."""


class SurveyFormBuilder(FormBuilder):
    """Wagtail's builder, with an agreement scale, bounded answers and no preselected dropdown."""

    def create_singleline_field(self, field, options):
        options["max_length"] = SHORT_TEXT_MAX_LENGTH
        return django.forms.CharField(**options)

    def create_multiline_field(self, field, options):
        options["max_length"] = LONG_TEXT_MAX_LENGTH
        options["widget"] = django.forms.Textarea(attrs={"rows": 6})
        return django.forms.CharField(**options)

    def create_number_field(self, field, options):
        options["initial"] = options["initial"] or None
        # Survey numbers count things (years, people, visits): never below zero.
        return django.forms.DecimalField(
            max_digits=NUMBER_MAX_DIGITS, decimal_places=2, min_value=0, **options
        )

    def create_dropdown_field(self, field, options):
        # Without an empty first option the first answer would be sent
        # whether or not the member chose it.
        options["choices"] = [("", "Choose an answer")] + self.get_formatted_field_choices(field)
        return django.forms.ChoiceField(**options)

    def create_agreement_field(self, field, options):
        options["initial"] = None
        return django.forms.TypedChoiceField(
            choices=AGREEMENT_SCALE, coerce=int, widget=django.forms.RadioSelect, **options
        )

    def get_form_class(self):
        return type("SurveyAnswersForm", (SurveyForm,), self.formfields)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = {
            "required": f"Answer the question: {field.label}",
            "invalid_choice": f"Choose one of the answers given for: {field.label}",
            "max_length": (
                f"Shorten your answer to: {field.label} (%(limit_value)d characters at most, you have "
                f"%(show_value)d)"
            ),
            "min_value": f"Enter 0 or more for: {field.label}",
        }
        return options
