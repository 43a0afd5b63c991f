import re

# A spreadsheet treats a cell starting with one of these as a formula, which
# a malicious answer could use to run commands or leak data when staff open it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


def neutralise_formula(value):
    """Prefix formula-like text with an apostrophe, which spreadsheets show as text."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS) and not PLAIN_NUMBER.match(value):
        return "'" + value
    return value
