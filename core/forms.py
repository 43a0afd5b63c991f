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
"""

from django.forms.renderers import DjangoTemplates


class PublicFormRenderer(DjangoTemplates):
    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class PublicFormMixin:
    default_renderer = PublicFormRenderer()
