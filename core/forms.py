"""Every form a member fills in renders through Django's form templates, ours.

``core/forms/form.html`` puts one error summary above the fields: it lists each
problem as a link to its field, and the site's script moves focus to it when
the page comes back with errors. ``core/forms/field.html`` gives every field
its label (a legend for a group of radio buttons or checkboxes), its hint and
its error, which Django ties to the input with aria-describedby, and marks
optional fields "(optional)".

A form opts in with ``PublicFormMixin``; a page that lays out its fields by
hand still includes ``core/forms/error_summary.html`` and renders each field
with ``{{ field.as_field_group }}``.

Every field of such a form refuses a null character (which PostgreSQL cannot
store) with a message people can act on, whatever validators the field keeps,
and shows what was typed again without it.
"""

from django.forms.renderers import DjangoTemplates

NULL_CHARACTER = "\x00"
NULL_CHARACTER_MESSAGE = (
    "This had an invisible null character in it, usually pasted from another program, "
    "which we can't save. We have taken it out of the text below: check it and send it again."
)


class PublicFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class PublicFormMixin:
    default_renderer = PublicFormRenderer()

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        for name in self.fields:
            if _has_null_character(self[name].data):
                self._refuse_null_character(name)

    def _refuse_null_character(self, name):
        self.errors.pop(name, None)
        self.add_error(name, NULL_CHARACTER_MESSAGE)
        key = self.add_prefix(name)
        self.data = self.data.copy()
        if hasattr(self.data, "setlist"):
            self.data.setlist(key, [_without_null_characters(value) for value in self.data.getlist(key)])
        else:
            self.data[key] = _without_null_characters(self.data[key])


def _has_null_character(value):
    values = value if isinstance(value, list | tuple) else [value]
    return any(isinstance(item, str) and NULL_CHARACTER in item for item in values)


def _without_null_characters(value):
    return value.replace(NULL_CHARACTER, "") if isinstance(value, str) else value
