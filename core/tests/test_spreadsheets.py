import pytest

from core.spreadsheets import neutralise


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'),
        ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("-x", "'-x"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        # Plain numbers are data: a negative amount stays a number.
        ("+1", "+1"),
        ("-5", "-5"),
        ("-1.5", "-1.5"),
        ("ok", "ok"),
        ("", ""),
        (4, 4),
        (None, None),
    ],
)
def test_formulas_become_text_and_numbers_stay_numbers(value, expected):
    assert neutralise(value) == expected
