"""Forms members fill in: one error summary, linked and focused, and fields tied to their messages."""

import re

from django import forms

from core.forms import NULL_CHARACTER_MESSAGE, PublicFormMixin


class PlaceForm(PublicFormMixin, forms.Form):
    name = forms.CharField(label="Your name", help_text="As you would like to be called.")
    borough = forms.ChoiceField(
        label="Borough", choices=[("a", "Camden"), ("b", "Hackney")], widget=forms.RadioSelect
    )
    note = forms.CharField(label="Anything else", required=False)
    updates = forms.BooleanField(label="Send me updates", required=False)


def test_the_error_summary_links_each_problem_to_its_field_and_asks_to_be_focused():
    html = str(PlaceForm({}))
    summary = html.split('class="error-summary"')[1].split("</div>")[0]
    assert "data-error-summary" in html and 'role="alert"' in html and 'tabindex="-1"' in html
    assert re.findall(r'href="#([\w-]+)"', summary) == ["id_name", "id_borough_0"]


def test_a_field_is_described_by_its_hint_and_its_error():
    html = str(PlaceForm({}))
    name_input = re.search(r"<input[^>]*name=\"name\"[^>]*>", html).group(0)
    assert 'aria-describedby="id_name_helptext id_name_error"' in name_input
    assert 'aria-invalid="true"' in name_input
    assert 'id="id_name_helptext"' in html and 'id="id_name_error"' in html


def test_a_group_of_choices_is_a_fieldset_with_a_legend():
    html = str(PlaceForm({}))
    assert re.search(
        r'<fieldset aria-describedby="id_borough_error">\s*<legend class="field__label">\s*Borough', html
    )


def test_optional_fields_say_so_and_a_single_checkbox_needs_no_telling():
    html = str(PlaceForm())
    assert re.search(r"Anything else\s*<span class=\"field__optional\">\(optional\)</span>", html)
    assert "Send me updates</label>" in html
    assert "error-summary" not in html


def test_help_text_is_escaped():
    class HintForm(PublicFormMixin, forms.Form):
        name = forms.CharField(help_text="<b>bold</b>")

    assert "&lt;b&gt;bold&lt;/b&gt;" in str(HintForm())


def test_a_null_character_in_any_field_gets_a_clear_message_and_the_text_is_kept_without_it():
    form = PlaceForm({"name": "Sam\x00 Jones", "borough": "a", "note": "Near\x00 the park"})
    assert not form.is_valid()
    assert form.errors == {"name": [NULL_CHARACTER_MESSAGE], "note": [NULL_CHARACTER_MESSAGE]}
    html = str(form)
    assert 'value="Sam Jones"' in html and 'value="Near the park"' in html
    assert "\x00" not in html
    # Sent again as shown, it goes through.
    assert PlaceForm(form.data).is_valid()
