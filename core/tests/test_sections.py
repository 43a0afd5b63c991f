from django.test import RequestFactory
from wagtail import hooks

from core.sections import Section, render_sections

HOOK = "register_test_section"


def test_sections_render_in_order_and_in_their_slot_and_empty_ones_are_left_out(tmp_path, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    (tmp_path / "section.html").write_text("<p>{{ name }} for {{ request.path }}</p>")
    request = RequestFactory().get("/account/")
    sections = [
        Section("section.html", lambda request: {"name": "second"}, order=20),
        Section("section.html", lambda request: {"name": "first"}, order=10),
        Section("section.html", lambda request: None, order=15),
        Section("section.html", lambda request: {"name": "aside"}, slot="aside"),
    ]
    registered = [(HOOK, lambda section=section: section) for section in sections]
    with hooks.register_temporarily(registered):
        assert render_sections(HOOK, request) == ["<p>first for /account/</p>", "<p>second for /account/</p>"]
        assert render_sections(HOOK, request, slot="aside") == ["<p>aside for /account/</p>"]
