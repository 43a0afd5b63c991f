"""Helpers for the browser tests of every app."""

from django.conf import settings
from django.test import Client


def tab_to(page, selector, limit=400):
    """Press Tab until the element matching `selector` has focus, as a keyboard user would."""
    for _ in range(limit):
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def sign_in(page, base_url, user):
    """Give the browser a signed-in session for `user`, for tests about what comes after signing in."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base_url,
            }
        ]
    )
    return user


def open_tab(browser, base_url):
    """A browser tab whose relative URLs point at `base_url`, noting every content
    security policy violation its pages report (see `check_page`)."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            page.csp_violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return page
