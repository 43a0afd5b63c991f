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


def assert_fit_side_by_side(page, selectors):
    """Every element matching `selectors` is visible inside the viewport's width, and no two overlap:
    what a staff member must reach without sideways scrolling."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, "The page scrolls sideways"
    boxes = []
    for selector in selectors:
        for element in page.locator(selector).all():
            box = element.bounding_box()
            assert box is not None, f"{selector} is not shown"
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (
                f"{selector} runs off the screen: {box}"
            )
            boxes.append((selector, box))
    for number, (first, a) in enumerate(boxes):
        for second, b in boxes[number + 1 :]:
            apart = (
                a["x"] + a["width"] <= b["x"]
                or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"]
                or b["y"] + b["height"] <= a["y"]
            )
            assert apart, f"{first} overlaps {second}"
