"""Exports that are safe to open in a spreadsheet."""

import re

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
