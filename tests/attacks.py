"""Hostile input and the checks that it stayed harmless, shared by every app's tests.

- ``XSS_PAYLOADS``: send each through a user-writable field, then check every
  place that shows it with ``assert_escaped(html, payload)`` (pages, the admin),
  ``assert_escaped_in_email(message, payload)`` and ``assert_csv_safe(text)``.
- ``OPEN_REDIRECT_TARGETS``: send each as a ``next`` (or ``return_url``)
  parameter, then check the response with ``assert_redirect_is_local``.

Each XSS payload carries a marker (``xss-N``). A payload is harmless if its
marker only ever reaches the page as text or as an inert attribute value: never
inside a script or style, an event handler, a ``javascript:`` URL, a ``srcdoc``
or a ``style`` attribute, and never as an attribute name.
"""

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

XSS_PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '"><img src=x onerror=alert("xss-2")>',
    "'><svg onload=alert('xss-3')>",
    'javascript:alert("xss-4")',
    "</textarea></title><script>alert('xss-5')</script>",
    "<a href=\"javascript:alert('xss-6')\">a link</a>",
    "\" autofocus onfocus=\"alert('xss-7')",
    "<iframe srcdoc=\"<script>alert('xss-8')</script>\"></iframe>",
    '<style>@import "//evil.example/xss-9.css";</style>',
    "{{ request.user.password }}{% debug %}xss-10",
    '=HYPERLINK("https://evil.example","xss-11")',
    '<div style="background:url(javascript:alert(`xss-12`))">',
]

# Where a visitor could be sent by a crafted link. None may leave the site.
OPEN_REDIRECT_TARGETS = [
    "//evil.example",
    "//evil.example/%2F..",
    "https://evil.example",
    "http://evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "https:evil.example",
    "http:/\\/evil.example",
    " //evil.example",
    "\t//evil.example",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data"}
SCRIPTABLE_URL = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.IGNORECASE)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class _InjectionFinder(HTMLParser):
    def __init__(self, marker):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.findings = []
        self._raw_text_tag = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if self.marker in name:
                self.findings.append(f"<{tag}> has an injected attribute {name!r}")
            if self.marker not in value:
                continue
            if name.startswith("on") or name in {"srcdoc", "style"}:
                self.findings.append(f"<{tag} {name}=...> carries the payload")
            elif name in URL_ATTRIBUTES and SCRIPTABLE_URL.match(value):
                self.findings.append(f"<{tag} {name}=...> is a script URL carrying the payload")
        attributes = dict(attrs)
        if tag in {"script", "style"} and attributes.get("type") != "application/json":
            self._raw_text_tag = tag

    def handle_endtag(self, tag):
        if tag == self._raw_text_tag:
            self._raw_text_tag = None

    def handle_data(self, data):
        if self._raw_text_tag and self.marker in data:
            self.findings.append(f"<{self._raw_text_tag}> contains the payload")


def marker_of(payload):
    return re.search(r"xss-\d+", payload).group()


def assert_escaped(html, payload):
    """`payload` shows in `html` (if at all) only as harmless text."""
    if isinstance(html, bytes):
        html = html.decode()
    finder = _InjectionFinder(marker_of(payload))
    finder.feed(html)
    finder.close()
    assert not finder.findings, f"{payload!r} was not escaped: {finder.findings}"
    if any(character in payload for character in "<>\"'"):
        assert payload not in html, f"{payload!r} appears unescaped"


def assert_escaped_in_email(message, payload):
    """Check every HTML part of an email; plain-text parts are never rendered as markup."""
    for content, mimetype in getattr(message, "alternatives", []):
        if mimetype == "text/html":
            assert_escaped(content, payload)
    if getattr(message, "content_subtype", "plain") == "html":
        assert_escaped(message.body, payload)


def assert_csv_safe(text):
    """No cell of a CSV export can be read as a formula by a spreadsheet."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES), f"CSV cell {cell!r} could run as a formula"


def assert_redirect_is_local(response, host="testserver"):
    """A redirect (if any) stays on `host`, whatever browser reads the Location."""
    if response.status_code not in {301, 302, 303, 307, 308}:
        return
    location = response["Location"]
    # Browsers treat backslashes as slashes and ignore tabs and newlines.
    normalised = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()
    parts = urlsplit(normalised)
    assert parts.scheme in {"", "http", "https"}, f"redirected to a {parts.scheme}: URL: {location!r}"
    assert parts.netloc in {"", host}, f"redirected off the site: {location!r}"
    assert not normalised.startswith("//"), f"redirected off the site: {location!r}"
