import pytest
from django_comments_xtd.models import XtdComment

from discussions.models import BlockedTerm, ModerationItem
from discussions.moderation import held_reasons

from .conftest import form_data

pytestmark = pytest.mark.usefixtures("seasoned")


@pytest.mark.parametrize(
    "text, reason",
    [
        ("Email me at jo.bloggs+council@example.co.uk about it", "it seems to include an email address"),
        ("Ring me on 07700 900123 after six", "it seems to include a phone number"),
        ("Call 020 7946 0018 and ask for the team", "it seems to include a phone number"),
        ("My number is +44 7700 900123", "it seems to include a phone number"),
        ("It happened near SW1A 1AA last week", "it seems to include a postcode"),
        ("the flats at e14 5ab are fine", "it seems to include a postcode"),
        ("My NI number is QQ 12 34 56 C", "it seems to include a National Insurance number"),
        ("He lives at 42 Acacia Avenue with his mum", "it seems to include a street address"),
        ("The shop at 3b Old Kent Road was broken into", "it seems to include a street address"),
    ],
)
def test_identifying_details_are_held(alice, text, reason):
    assert reason in held_reasons(text, alice)


@pytest.mark.parametrize(
    "text",
    [
        "In 2026 to 2030 the plan has 4 priorities and 12 commitments.",
        "I walk 2 dogs on the Common every morning at 7am.",
        "The A1 is busy; the number 38 bus is always late.",
        "Trust takes 10 years to build and 10 seconds to lose.",
    ],
)
def test_ordinary_comments_are_not_held(alice, text):
    assert held_reasons(text, alice) == []


def test_blocked_terms_match_whole_words_in_any_case(alice):
    BlockedTerm.objects.create(term="scumbag")
    assert held_reasons("What a SCUMBAG thing to say", alice) == [
        "it uses a word or phrase we check before publishing"
    ]
    assert held_reasons("scumbags aside, fine", alice) == []


@pytest.mark.parametrize(
    "text, reason_shown",
    [
        ("Email me at someone@example.com", "it seems to include an email address"),
        ("Ring 07700 900123", "it seems to include a phone number"),
        ("Near SW1A 1AA", "it seems to include a postcode"),
        ("NI number QQ123456C", "it seems to include a National Insurance number"),
        ("Outside 42 Acacia Avenue", "it seems to include a street address"),
        ("What a scumbag", "it uses a word or phrase we check before publishing"),
    ],
)
def test_each_rule_holds_the_comment_and_tells_the_author_why(client, discussion, alice, text, reason_shown):
    BlockedTerm.objects.create(term="scumbag")
    client.force_login(alice)
    client.post(discussion.url, form_data(client, discussion, comment=text))
    comment = XtdComment.objects.get()
    assert not comment.is_public
    assert ModerationItem.objects.get(comment=comment).held_reasons == [reason_shown]
    html = client.get(discussion.url).content.decode()
    assert f"Your comment is waiting for a moderator because {reason_shown}" in html.replace("&#x27;", "'")
    assert "Only you can see this comment until a moderator approves it" in html
    assert "Comments (0)" in html


def test_held_comments_are_not_shown_to_anyone_else(client, discussion, alice, bob):
    client.force_login(alice)
    client.post(discussion.url, form_data(client, discussion, comment="Ring 07700 900123"))
    client.force_login(bob)
    assert "07700 900123" not in client.get(discussion.url).content.decode()
    client.logout()
    assert "07700 900123" not in client.get(discussion.url).content.decode()


def test_blocklist_is_editable_in_the_wagtail_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/discussions/blockedterm/add/", {"term": "numpty", "note": "Rude"}
    )
    assert response.status_code == 302
    assert BlockedTerm.objects.filter(term="numpty").exists()
