"""Joining and signing in with the keyboard alone, in Chromium, with axe on every account page."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model

from tests.browser import tab_to

pytestmark = pytest.mark.browser

PASSWORD = "a-long-and-unusual-passphrase"


def test_keyboard_only_join_confirm_sign_in_and_account_pages(
    home_page, browser_page, check_page, mailoutbox
):
    page = browser_page

    page.goto("/accounts/signup/")
    assert page.title().startswith("Join the Engagement Hub")
    check_page(page)
    tab_to(page, "#id_email")
    page.keyboard.type("keyboard.user@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")
    assert page.locator("h1").inner_text() == "Check your email"
    check_page(page)

    [message] = mailoutbox
    link = re.search(r"https?://\S+", message.body).group()
    page.goto(urlparse(link).path)
    assert page.locator("h1").inner_text() == "Confirm your email address"
    check_page(page)
    tab_to(page, "main button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Successfully signed in" in page.locator(".messages").inner_text()

    # Sign out, then back in, still with the keyboard.
    tab_to(page, ".account-menu button")
    page.keyboard.press("Enter")
    page.wait_for_selector(".account-menu >> text=Sign in")

    page.goto("/accounts/login/")
    check_page(page)
    tab_to(page, "#id_login")
    page.keyboard.type("keyboard.user@example.org")
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector(".account-menu >> text=My account")

    pseudonym = get_user_model().objects.get(email="keyboard.user@example.org").profile.pseudonym
    page.goto("/accounts/")
    assert page.locator(".identity__name").inner_text().endswith(pseudonym)
    check_page(page)

    for path in ["/accounts/export/", "/accounts/email/", "/accounts/password/change/"]:
        page.goto(path)
        check_page(page)

    page.goto("/accounts/delete/")
    check_page(page)
    # A wrong password: the error summary appears and is accessible too.
    tab_to(page, "#id_password")
    page.keyboard.type("not-the-password")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    check_page(page)
    assert get_user_model().objects.filter(email="keyboard.user@example.org").exists()


def test_password_reset_and_too_many_attempts_pages_are_accessible(home_page, browser_page, check_page):
    page = browser_page
    page.goto("/accounts/password/reset/")
    check_page(page)
    for _ in range(4):
        tab_to(page, "#id_email")
        page.keyboard.type("forgetful@example.org")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if page.locator("h1").inner_text() == "Too many requests":
            break
        page.goto("/accounts/password/reset/")
    assert page.locator("h1").inner_text() == "Too many requests"
    check_page(page)


def test_signup_errors_are_accessible_and_keep_what_was_typed(home_page, browser_page, check_page):
    page = browser_page
    page.goto("/accounts/signup/")
    tab_to(page, "#id_email")
    page.keyboard.type("typed@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("short")
    page.keyboard.press("Tab")
    page.keyboard.type("shorter")
    page.keyboard.press("Enter")
    page.wait_for_selector(".error-summary")
    assert page.title().startswith("Error:")
    assert page.input_value("#id_email") == "typed@example.org"
    # Focused, the summary keeps its white ground: the links' yellow highlight is not for it.
    summary = page.locator(".error-summary")
    assert summary.evaluate("element => element === document.activeElement")
    assert summary.evaluate("element => getComputedStyle(element).backgroundColor") == "rgb(255, 255, 255)"
    check_page(page)
