"""Exports that are safe to open in a spreadsheet."""

import datetime
import re
from decimal import Decimal

from django.contrib.admin.utils import lookup_field

# A spreadsheet treats a cell starting with one of these as a formula, which a
# malicious answer or name could use to run commands or leak data when staff
# open the file.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# A plain number such as "-5" is data, not a formula, and must stay a number.
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise(value):
    """Prefix formula-like text with an apostrophe, which spreadsheets show as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value


class SafeExportMixin:
    """Staff exports that open safely and readably in any spreadsheet program.

    Mix it in before Wagtail's SpreadsheetExportMixin (a modeladmin IndexView,
    a form's submissions view, a generic IndexView): CSV cells and every heading
    are neutralised (Wagtail already stores XLSX cells as text), empty values
    stay empty (not modeladmin's "-" placeholder, which would read as a
    value), and CSV files start with a UTF-8 byte order mark, without which
    Excel garbles names with accents.
    """

    def to_row_dict(self, item):
        model_admin = getattr(self, "model_admin", None)
        if model_admin is None:
            return super().to_row_dict(item)
        return {field: lookup_field(field, item, model_admin)[2] for field in self.list_export}

    def preprocess_field_value(self, field, value, export_format):
        if value is None:
            return ""
        value = super().preprocess_field_value(field, value, export_format)
        if export_format != self.FORMAT_CSV:
            return value
        # An object (a related page, a member) is written as its text, which
        # comes from user input as much as any field: an event's title.
        if not isinstance(value, int | float | Decimal | datetime.date | str):
            value = str(value)
        return neutralise(value)

    def get_heading(self, queryset, field):
        return neutralise(super().get_heading(queryset, field))

    def stream_csv(self, queryset):
        yield "\ufeff".encode()
        yield from super().stream_csv(queryset)
