"""Following a consultation with the keyboard, in Chromium: its page, My account, and the link in an email."""

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from accounts.email_preferences import wants
from accounts.factories import MemberFactory
from consultations import alerts
from consultations.factories import ConsultationPageFactory, TopicFactory
from consultations.follows import follows
from tests.browser import open_tab, sign_in, tab_to

pytestmark = pytest.mark.browser


def test_follow_from_the_page_manage_in_my_account_and_unsubscribe_from_an_email(
    consultation_index, browser_page, chromium, live_server, check_page, nu_errors, mailoutbox
):
    consultation = ConsultationPageFactory(
        parent=consultation_index,
        title="Quieter streets",
        topic=TopicFactory(name="Transport"),
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() + timedelta(days=2),
    )
    member = sign_in(browser_page, live_server.url, MemberFactory())
    page = browser_page
    documents = {}

    page.goto(consultation.url)
    check_page(page)
    tab_to(page, ".follow button[value=follow]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".follow >> text=Stop following")
    assert "You follow “Quieter streets”" in page.locator(".messages").inner_text()
    assert follows(member, consultation)
    check_page(page)
    documents["consultation, following"] = page.content()

    page.goto("/accounts/")
    assert "Quieter streets" in page.locator("#following-title + ul").inner_text()
    check_page(page)
    documents["My account, following"] = page.content()
    page.locator(f"#id_{alerts.UPDATES}").uncheck()
    page.locator("form[action$='/accounts/emails/'] button[type=submit]").click()
    page.wait_for_selector(".messages >> text=Your email choices have been saved")
    assert not wants(member, alerts.UPDATES) and wants(member, alerts.REMINDERS)

    alerts.send_time_alerts()
    [message] = mailoutbox
    assert message.to == [member.email] and "Closing soon" in message.subject
    link = re.search(r"https?://\S+/accounts/unsubscribe/\S+", message.body).group()

    # Signed out, as from a mail program.
    stranger = open_tab(chromium, live_server.url)
    stranger.goto(urlparse(link).path)
    check_page(stranger)
    documents["unsubscribe, asking"] = stranger.content()
    tab_to(stranger, "main button[type=submit]")
    stranger.keyboard.press("Enter")
    stranger.wait_for_selector("main >> text=any more")
    check_page(stranger)
    assert not wants(member, alerts.REMINDERS)
    stranger.goto(consultation.url)
    check_page(stranger)
    documents["consultation, signed out"] = stranger.content()
    assert "Sign in to follow this consultation" in documents["consultation, signed out"]
    stranger.context.close()

    found = nu_errors(documents)
    assert not found, "The Nu HTML Checker found errors:\n" + "\n".join(
        f"{name}:\n    " + "\n    ".join(messages) for name, messages in found.items()
    )
