import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django_comments_xtd.models import XtdComment
from wagtail.models import PageViewRestriction

from accounts.factories import MemberFactory
from discussions.factories import CommentFactory
from discussions.models import ModerationItem, Reaction, Report


def like_url(comment):
    return f"/comments/{comment.pk}/like/"


def report_url(comment):
    return f"/comments/{comment.pk}/report/"


@pytest.fixture
def comment(discussion, alice):
    return CommentFactory(page=discussion, user=alice, text="Buses after midnight feel unsafe.")


def unlike_url(comment):
    return f"/comments/{comment.pk}/unlike/"


def test_member_likes_a_comment_once_and_can_take_it_back(client, discussion, comment, bob):
    assert "like" not in client.get(discussion.url).content.decode().split(comment.comment)[1][:400]
    client.force_login(bob)
    response = client.post(like_url(comment))
    # Back to the comment, which says so in view.
    assert response.status_code == 303
    assert response["Location"] == f"{discussion.url}#c{comment.pk}"
    response = client.post(like_url(comment), follow=True)
    assert Reaction.objects.filter(comment=comment).count() == 1
    html = response.content.decode()
    assert "1 like" in html and "You like this" in html
    assert f'action="{unlike_url(comment)}"' in html

    response = client.post(unlike_url(comment))
    assert response["Location"] == f"{discussion.url}#c{comment.pk}"
    assert client.post(unlike_url(comment)).status_code == 303
    assert not Reaction.objects.exists()
    html = client.get(discussion.url).content.decode()
    assert "1 like" not in html and "0 likes" not in html
    assert f'action="{like_url(comment)}"' in html


def test_liking_needs_a_signed_in_verified_member_and_a_post(client, comment):
    assert client.post(like_url(comment)).status_code == 302
    client.force_login(MemberFactory(email="new@example.com", unverified=True))
    assert client.post(like_url(comment)).status_code == 403
    client.force_login(MemberFactory(email="carol@example.com"))
    assert client.get(like_url(comment)).status_code == 405
    assert not Reaction.objects.exists()


def test_liking_needs_a_csrf_token(comment, bob):
    client = Client(enforce_csrf_checks=True)
    client.force_login(bob)
    assert client.post(like_url(comment)).status_code == 403
    assert not Reaction.objects.exists()


def test_held_and_removed_comments_cannot_be_liked_or_reported(client, discussion, alice, bob):
    held = CommentFactory(page=discussion, user=alice, is_public=False)
    removed = CommentFactory(page=discussion, user=alice, is_removed=True)
    client.force_login(bob)
    for target in (held, removed):
        assert client.post(like_url(target)).status_code == 404
        assert client.post(report_url(target), {"reason": "spam"}).status_code == 404
    assert not Reaction.objects.exists() and not Report.objects.exists()


def test_member_reports_a_comment_with_a_reason(client, discussion, comment, bob):
    client.force_login(bob)
    form = client.get(report_url(comment)).content.decode()
    assert "Discriminatory or hateful" in form
    response = client.post(report_url(comment), {"reason": "hate"})
    assert response.status_code == 303
    report = Report.objects.get()
    assert (report.reporter, report.reason) == (bob, "hate")
    item = ModerationItem.objects.get(comment=comment)
    assert item.status == ModerationItem.Status.PENDING and item.held_reasons == []
    comment.refresh_from_db()
    assert comment.is_public
    assert "You reported this" in client.get(discussion.url).content.decode()


def test_reporting_twice_is_refused(client, comment, bob):
    client.force_login(bob)
    client.post(report_url(comment), {"reason": "hate"})
    response = client.post(report_url(comment), {"reason": "spam"})
    assert response.status_code == 400
    assert "You have already reported this comment." in response.content.decode()
    assert Report.objects.count() == 1


def test_a_report_needs_a_reason(client, comment, bob):
    client.force_login(bob)
    response = client.post(report_url(comment), {"reason": "not-a-reason"})
    assert response.status_code == 400
    assert (
        "Select a valid choice" in response.content.decode()
        or "Choose the guideline" in response.content.decode()
    )
    assert not Report.objects.exists()


def test_reporting_needs_sign_in(client, comment):
    response = client.post(report_url(comment), {"reason": "hate"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Report.objects.exists()


def test_enough_reports_hide_the_comment_pending_review(client, discussion, comment, settings):
    settings.DISCUSSIONS_REPORTS_TO_HIDE = 2
    for email in ("r1@example.com", "r2@example.com"):
        client.force_login(MemberFactory(email=email, established=True))
        client.post(report_url(comment), {"reason": "abuse"})
    comment.refresh_from_db()
    assert not comment.is_public
    client.logout()
    html = client.get(discussion.url).content.decode()
    assert "Buses after midnight" not in html
    assert "Comments (0)" in html


def test_hiding_a_reported_comment_keeps_its_replies(client, discussion, comment, bob, settings):
    settings.DISCUSSIONS_REPORTS_TO_HIDE = 1
    CommentFactory(page=discussion, user=bob, text="A reply that stays", parent=comment)
    client.force_login(MemberFactory(email="r1@example.com", established=True))
    client.post(report_url(comment), {"reason": "abuse"})
    html = client.get(discussion.url).content.decode()
    assert "A reply that stays" in html
    assert "This comment is hidden while a moderator reviews it." in html
    assert XtdComment.objects.get(comment="A reply that stays").is_public


def test_report_page_escapes_the_comment(client, discussion, alice, bob):
    nasty = CommentFactory(page=discussion, user=alice, text="<script>alert('r')</script>")
    client.force_login(bob)
    html = client.get(report_url(nasty)).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def restrict(page, **restriction):
    return PageViewRestriction.objects.create(page=page, **restriction)


def test_a_password_restricted_discussions_comments_are_out_of_reach_until_the_password_is_given(
    client, discussion, comment, bob
):
    restriction = restrict(discussion, restriction_type="password", password="open sesame")
    client.force_login(bob)
    assert client.get(report_url(comment)).status_code == 404
    assert client.post(report_url(comment), {"reason": "abuse"}).status_code == 404
    assert client.post(like_url(comment)).status_code == 404
    assert not Reaction.objects.exists() and not Report.objects.exists()

    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{discussion.pk}/",
        {"password": "open sesame", "return_url": discussion.url},
    )
    assert client.get(report_url(comment)).status_code == 200
    assert client.post(like_url(comment)).status_code == 303


def test_a_group_restricted_discussions_comments_are_only_for_that_group(client, discussion, comment, bob):
    group = Group.objects.create(name="Residents' panel")
    restrict(discussion, restriction_type="groups").groups.add(group)
    client.force_login(bob)
    assert client.get(report_url(comment)).status_code == 404
    assert client.post(like_url(comment)).status_code == 404
    bob.groups.add(group)
    assert client.post(like_url(comment)).status_code == 303


def test_fresh_accounts_cannot_hide_a_comment_but_their_reports_reach_the_moderators(
    client, discussion, comment, moderator, mailoutbox
):
    for number in range(5):
        client.force_login(MemberFactory(email=f"fresh{number}@example.com"))
        assert client.post(report_url(comment), {"reason": "abuse"}).status_code == 303
    comment.refresh_from_db()
    assert comment.is_public
    assert Report.objects.filter(comment=comment).count() == 5
    assert ModerationItem.objects.get(comment=comment).status == ModerationItem.Status.PENDING


def test_members_with_a_published_comment_count_towards_hiding(client, discussion, comment, settings):
    settings.DISCUSSIONS_REPORTS_TO_HIDE = 2
    for number in range(2):
        reporter = MemberFactory(email=f"regular{number}@example.com")
        CommentFactory(page=discussion, user=reporter, text="My own view on buses.")
        client.force_login(reporter)
        client.post(report_url(comment), {"reason": "abuse"})
    comment.refresh_from_db()
    assert not comment.is_public


def test_a_comment_hidden_by_reports_awaits_review_and_moderators_are_alerted_at_once(
    client, discussion, comment, moderator, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.DISCUSSIONS_REPORTS_TO_HIDE = 2
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            client.force_login(MemberFactory(email=f"r{number}@example.com", established=True))
            client.post(report_url(comment), {"reason": "abuse"})
    comment.refresh_from_db()
    assert not comment.is_public and not comment.is_removed
    assert ModerationItem.objects.get(comment=comment).status == ModerationItem.Status.PENDING
    assert [message.to for message in mailoutbox] == [[moderator.email]]
    assert "Buses after midnight" in mailoutbox[0].body


def test_reporting_needs_a_verified_account(client, comment):
    client.force_login(MemberFactory(email="unverified@example.com", unverified=True))
    assert client.post(report_url(comment), {"reason": "abuse"}).status_code == 403
    assert not Report.objects.exists()


def test_reports_are_rate_limited_with_the_reason_kept(client, discussion, bob, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "report_comment": "2/m/user"}
    targets = [CommentFactory(page=discussion, text=f"Comment {number}") for number in range(3)]
    client.force_login(bob)
    statuses = [client.post(report_url(target), {"reason": "spam"}).status_code for target in targets]
    assert statuses == [303, 303, 429]
    assert Report.objects.count() == 2


def test_members_cannot_like_their_own_comments(client, comment, alice):
    client.force_login(alice)
    response = client.post(like_url(comment), follow=True)
    assert "You can&#x27;t like your own comment." in response.content.decode()
    assert not Reaction.objects.exists()


def test_comments_on_a_closed_discussion_cannot_be_liked(client, closed_discussion, alice, bob):
    comment = CommentFactory(page=closed_discussion, user=alice)
    client.force_login(bob)
    client.post(like_url(comment))
    assert not Reaction.objects.exists()


def test_the_comment_address_leads_only_to_discussions_the_visitor_may_read(client, discussion, comment):
    address = comment.get_absolute_url()
    assert client.get(address)["Location"] == discussion.url
    discussion.unpublish()
    assert client.get(address).status_code == 404
    assert discussion.slug not in client.get(address).content.decode()
