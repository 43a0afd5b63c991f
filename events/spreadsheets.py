"""Exports that are safe to open in a spreadsheet."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Stop a spreadsheet reading a cell as a formula: a leading ' makes it text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
