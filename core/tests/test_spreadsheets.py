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


def test_an_export_neutralises_csv_cells_keeps_empty_cells_empty_and_marks_utf8():
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    from core.spreadsheets import SafeExportMixin

    class Export(SafeExportMixin, SpreadsheetExportMixin):
        list_export = ["name", "note"]

    class Row:
        def __init__(self, name, note):
            self.name, self.note = name, note

    class Rows(list):
        model = None

    export = Export()
    lines = list(export.stream_csv(Rows([Row("Zoë", None), Row("=cmd()", "-5")])))
    assert lines[0] == "\ufeff".encode()
    assert lines[2:] == ["Zoë,\r\n".encode(), b"'=cmd(),-5\r\n"]
    assert export.preprocess_field_value("name", "=cmd()", Export.FORMAT_XLSX) == "=cmd()"
