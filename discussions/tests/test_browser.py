"""Keyboard-only journeys and accessibility checks in Chromium."""

import pytest
from django_comments_xtd.models import XtdComment
from playwright.sync_api import expect

from accounts.factories import HostFactory, MemberFactory
from consultations.factories import ConsultationPageFactory
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.models import ModerationItem, Report
from discussions.moderation import hold
from tests.browser import assert_fit_side_by_side, sign_in, tab_to

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"
LONG_TEXT = (
    "Trust grows when the same officers stay in one place. " * 12 + "The very end of the long comment."
)


def submit_with_enter(page):
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_with_keyboard(page, email):
    page.goto("/accounts/login/")
    tab_to(page, "#id_login")
    page.keyboard.type(email)
    tab_to(page, "#id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def busy_discussion(transactional_db, settings):
    settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 0
    settings.DISCUSSIONS_PREVIEW_CHARS = 200
    page = DiscussionPageFactory()
    other = MemberFactory(email="other@example.com")
    CommentFactory(page=page, user=other, text="Short first comment about street lighting.")
    CommentFactory(page=page, user=other, text=LONG_TEXT)
    return page


def test_member_posts_replies_expands_and_reports_with_the_keyboard(browser_page, busy_discussion):
    page = browser_page
    MemberFactory(email="keys@example.com")
    sign_in_with_keyboard(page, "keys@example.com")
    page.goto(busy_discussion.url)

    # An empty comment brings the member back to the form, with the problem focused and in view.
    tab_to(page, ".comment-form button[type=submit]")
    submit_with_enter(page)
    problem = page.locator("[data-error-summary]")
    expect(problem).to_be_focused()
    expect(problem).to_be_in_viewport()
    expect(problem).to_contain_text("Write your comment before you post it.")

    tab_to(page, "#new-comment")
    page.keyboard.type("Keyboard users deserve safe streets too.")
    tab_to(page, ".comment-form button[type=submit]")
    submit_with_enter(page)
    assert page.get_by_text("Your comment is published.").is_visible()
    assert page.get_by_text("Keyboard users deserve safe streets too.").is_visible()

    first = XtdComment.objects.get(comment__startswith="Short first comment")
    tab_to(page, f"#c{first.pk} .comment__reply > a")
    submit_with_enter(page)
    tab_to(page, f"#reply-{first.pk}-comment")
    page.keyboard.type("Replying with the keyboard alone.")
    tab_to(page, f"#c{first.pk} .comment__reply button[type=submit]")
    submit_with_enter(page)
    reply = XtdComment.objects.get(comment="Replying with the keyboard alone.")
    assert reply.parent_id == first.pk

    # A like lands on the comment, which says so in view, and can be taken back.
    tab_to(page, f'#c{first.pk} form[action$="/like/"] button')
    submit_with_enter(page)
    expect(page.locator(f"#c{first.pk} .comment__actions").first).to_contain_text("1 like")
    expect(page.locator(f"#c{first.pk}").get_by_text("You like this").first).to_be_in_viewport()
    tab_to(page, f'#c{first.pk} form[action$="/unlike/"] button')
    submit_with_enter(page)
    expect(page.locator(f'#c{first.pk} form[action$="/like/"] button').first).to_be_in_viewport()

    long_comment = XtdComment.objects.get(comment=LONG_TEXT)
    summary = f"#c{long_comment.pk} .comment__more > summary"
    assert not page.get_by_text("The very end of the long comment.").is_visible()
    tab_to(page, summary)
    page.keyboard.press("Enter")
    assert page.get_by_text("The very end of the long comment.").is_visible()
    assert page.locator(summary).inner_text() == "Show less"
    page.keyboard.press("Enter")
    assert page.locator(summary).inner_text() == "Show full comment"

    tab_to(page, f'#c{long_comment.pk} a[href$="/report/"]')
    submit_with_enter(page)
    tab_to(page, "input[name=reason]")
    page.keyboard.press("Space")
    tab_to(page, "button[type=submit]")
    submit_with_enter(page)
    assert page.get_by_text("Thank you. A moderator will review the comment").is_visible()
    assert Report.objects.filter(comment=long_comment).exists()


def test_moderator_approves_from_the_queue_and_the_comment_appears(browser_page):
    from django.contrib.auth.models import Group

    discussion = DiscussionPageFactory()
    author = MemberFactory(email="held@example.com")
    held = CommentFactory(
        page=discussion, user=author, text="Held until a moderator says yes.", is_public=False
    )
    hold(held, ["we check a new member's first comments"])
    moderator = MemberFactory(email="mo@example.com")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    page = browser_page
    sign_in_with_keyboard(page, "mo@example.com")
    page.goto(discussion.url)
    assert not page.get_by_text("Held until a moderator says yes.").is_visible()
    page.goto("/admin/moderation/")
    assert page.get_by_text("Held until a moderator says yes.").is_visible()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Approve comment {held.pk}").click()
    assert ModerationItem.objects.get(comment=held).status == ModerationItem.Status.APPROVED
    page.goto(discussion.url)
    assert page.get_by_text("Held until a moderator says yes.").is_visible()


@pytest.mark.parametrize("is_open", [True, False])
def test_discussion_page_has_no_axe_violations(browser_page, check_page, settings, is_open):
    settings.DISCUSSIONS_PREVIEW_CHARS = 200
    discussion = DiscussionPageFactory(parent=ConsultationPageFactory(closed=not is_open))
    member = MemberFactory(email="axe@example.com")
    host = HostFactory(email="alex@example.com")
    top = CommentFactory(page=discussion, user=member, text=LONG_TEXT)
    CommentFactory(page=discussion, user=host, text="Thanks, we are listening.", parent=top)
    removed = CommentFactory(page=discussion, user=member, text="Gone", is_removed=True)
    CommentFactory(page=discussion, user=host, text="Reply under a removed comment.", parent=removed)

    page = browser_page
    sign_in_with_keyboard(page, "axe@example.com")
    page.goto(discussion.url)
    assert page.locator("h1").count() == 1
    assert (page.locator("textarea[name=comment]").count() > 0) == is_open
    if not is_open:
        assert page.get_by_text("The discussion ran from").is_visible()
    check_page(page)
    page.locator(".comment__more > summary").first.click()
    check_page(page)


@pytest.mark.parametrize("width", [390, 1280])
def test_the_queue_fits_a_phone_and_a_desktop(browser_page, live_server, width):
    from django.contrib.auth.models import Group

    discussion = DiscussionPageFactory()
    held = CommentFactory(
        page=discussion, user=MemberFactory(), text="Ring 07700 900123 " * 20, is_public=False
    )
    hold(held, ["it seems to include a phone number"])
    moderator = MemberFactory(email="mo@example.com")
    moderator.groups.add(Group.objects.get(name="Moderators"))

    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server.url, moderator)
    page.goto("/admin/moderation/")
    assert_fit_side_by_side(page, ["#filter-q", "form[role=search] button[type=submit]"])
    pk = ModerationItem.objects.get(comment=held).pk
    approve = f'button[name=approve_one][value="{pk}"]'
    remove = f'button[name=remove_one][value="{pk}"]'
    reason = f'select[name="reason-{pk}"]'
    for selector in (approve, reason, remove):
        page.locator(selector).scroll_into_view_if_needed()
    assert_fit_side_by_side(page, [approve, reason, remove])
    approve_box = page.locator(approve).bounding_box()
    remove_box = page.locator(remove).bounding_box()
    # Approve and Remove are one size, on one line or stacked at the same left edge.
    assert approve_box["height"] == remove_box["height"]
    assert approve_box["y"] == remove_box["y"] or approve_box["x"] == remove_box["x"]

    page.select_option(reason, "spam")
    with page.expect_navigation():
        page.click(remove)
    held.refresh_from_db()
    assert held.is_removed
