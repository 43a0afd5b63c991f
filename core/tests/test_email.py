"""The one email path: templates, the site's subject prefix and the headers of an automated email."""

from email import message_from_bytes

import pytest
from django.core import mail

from core import email


@pytest.fixture
def templates(tmp_path, settings):
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    (tmp_path / "note_subject.txt").write_text("A note\nfor {{ name }}\n")
    (tmp_path / "note.txt").write_text(
        "Hello {{ name }}.{% if unsubscribe_url %} Stop: {{ unsubscribe_url }}{% endif %}"
    )
    return tmp_path


def test_an_email_has_the_prefix_one_line_subject_and_says_it_is_automated(templates):
    email.send(["a@example.org"], "note", {"name": "Amara"})
    (message,) = mail.outbox
    assert message.subject == "Engagement Hub: A note for Amara"
    assert message.body == "Hello Amara."
    assert message.extra_headers == {"Auto-Submitted": "auto-generated"}
    assert message.alternatives == []


def test_an_email_someone_can_stop_names_the_address_for_one_click_unsubscribing(templates):
    (templates / "note.html").write_text("<p>Hello {{ name }}</p>")
    stop = "http://testserver/accounts/unsubscribe/abc/"
    email.send(["a@example.org"], "note", {"name": "Amara"}, unsubscribe_url=stop)
    (message,) = mail.outbox
    parsed = message_from_bytes(message.message().as_bytes())
    assert parsed["List-Unsubscribe"] == f"<{stop}>"
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert parsed["Auto-Submitted"] == "auto-generated"
    assert f"Stop: {stop}" in message.body
    assert message.alternatives[0][0] == "<p>Hello Amara</p>"
