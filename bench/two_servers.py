"""Two app servers, one PostgreSQL and one Redis: does the hub behave as one site?

Starts TWO gunicorn instances with production settings on loopback ports and
checks that:

- a member signed in through one is signed in on the other (shared sessions);
- a page cached by both and unpublished through one server's admin, and a
  comment approved through one server's moderation queue, show on the other at
  once (shared full-page cache invalidation), to anonymous readers and to
  signed-in members, whose pages come from the remembered route, page and
  threads; and so does a like given through one server;
- failed sign-ins counted on one count on the other (allauth's rate limit).

By hand, against a database of its own (it is migrated and given a demo site):

    createdb hub_two_servers
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hub_two_servers \\
    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/two_servers.py

The test suite runs the same checks on PostgreSQL (tests/test_two_servers.py).
"""

import os
import secrets
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

if __package__ in {None, ""}:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.servers import AppServer, Visitor, manage, production_environment


@dataclass
class Fixture:
    """What the checks need in the database."""

    member_email: str
    member_password: str
    other_member_email: str
    admin_username: str
    admin_password: str
    page_id: int
    page_path: str
    page_title: str
    discussion_path: str = ""
    held_comment_text: str = ""


def make_fixture():
    """Members, an admin and a page, made through the ORM of the calling process."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import PBKDF2PasswordHasher
    from wagtail.models import Site

    from accounts.factories import MemberFactory
    from home.models import StandardPage

    User = get_user_model()
    password = secrets.token_urlsafe(16)
    # Production's hasher, whatever the calling process uses (the tests use a fast one).
    hasher = PBKDF2PasswordHasher()
    tag = secrets.token_hex(3)
    users = {
        name: MemberFactory(username=f"{name}-{tag}", email=f"{name}-{tag}@example.org", **extra)
        for name, extra in [
            ("member", {}),
            ("other", {}),
            ("admin", {"is_staff": True, "is_superuser": True}),
        ]
    }
    for user in users.values():
        user.password = hasher.encode(password, hasher.salt())
        user.save(update_fields=["password"])
    emails = [users["member"].email, users["other"].email]
    admin = users["admin"]
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(
        instance=StandardPage(title=f"Shared cache check {tag}", slug=f"shared-cache-{tag}")
    )
    discussion = {}
    if apps.is_installed("discussions"):
        discussion = make_held_comment(home, User.objects.get(email=emails[1]), tag)
    return Fixture(
        member_email=emails[0],
        member_password=password,
        other_member_email=emails[1],
        admin_username=admin.username,
        admin_password=password,
        page_id=page.pk,
        page_path=page.url,
        page_title=page.title,
        **discussion,
    )


def make_held_comment(home, author, tag):
    """A discussion with one comment waiting for a moderator."""
    from consultations.factories import ConsultationPageFactory
    from consultations.models import ConsultationIndexPage
    from discussions.factories import CommentFactory, DiscussionPageFactory
    from discussions.moderation import hold

    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=ConsultationIndexPage(title="Consultations", slug="consultations"))
    consultation = ConsultationPageFactory(title=f"Two servers {tag}", parent=index)
    discussion = DiscussionPageFactory(parent=consultation, title=f"Two servers talk {tag}")
    text = f"Held until a moderator approves it {tag}"
    hold(CommentFactory(page=discussion, user=author, text=text, is_public=False), ["first comments"])
    return {"discussion_path": discussion.url, "held_comment_text": text}


def sign_in(visitor, server, email, password):
    return visitor.post_form(server, "/accounts/login/", {"login": email, "password": password})


def check_shared_sessions(first, second, fixture):
    member = Visitor()
    signed_in = sign_in(member, first, fixture.member_email, fixture.member_password)
    assert signed_in.status_code == 302, f"sign-in on the first server failed ({signed_in.status_code})"
    assert member.get(first, "/accounts/email/").status_code == 200
    on_second = member.get(second, "/accounts/email/")
    assert on_second.status_code == 200, f"not signed in on the second server ({on_second.status_code})"
    assert fixture.member_email in on_second.text


def signed_in_member(server, fixture):
    member = Visitor()
    signed_in = sign_in(member, server, fixture.member_email, fixture.member_password)
    assert signed_in.status_code == 302, f"the member could not sign in ({signed_in.status_code})"
    return member


def check_shared_cache_invalidation(first, second, fixture):
    reader = Visitor()
    for server in (first, second, first, second):
        response = reader.get(server, fixture.page_path)
        assert response.status_code == 200 and fixture.page_title in response.text
    assert response.headers.get("X-Page-Cache") == "hit", "the second server did not share the cached page"
    member = signed_in_member(second, fixture)
    for server in (second, second):
        response = member.get(server, fixture.page_path)
        assert response.status_code == 200 and fixture.page_title in response.text

    editor = Visitor()
    assert (
        editor.post_form(
            first, "/admin/login/", {"username": fixture.admin_username, "password": fixture.admin_password}
        ).status_code
        == 302
    )
    unpublished = editor.post_form(first, f"/admin/pages/{fixture.page_id}/unpublish/", {})
    assert unpublished.status_code == 302, (
        f"unpublishing through the first server failed ({unpublished.status_code})"
    )

    assert reader.get(second, fixture.page_path).status_code == 404, "the second server served a stale page"
    assert reader.get(first, fixture.page_path).status_code == 404
    assert member.get(second, fixture.page_path).status_code == 404, (
        "the second server routed a signed-in member to an unpublished page"
    )


def check_comment_approval_reaches_the_other_servers_cached_page(first, second, fixture):
    if not fixture.discussion_path:
        raise AssertionError("no discussion to check: the discussions app is not installed")
    from discussions.models import ModerationItem

    reader = Visitor()
    for server in (second, second):
        response = reader.get(server, fixture.discussion_path)
        assert response.status_code == 200 and fixture.held_comment_text not in response.text
    assert response.headers.get("X-Page-Cache") == "hit"
    member = signed_in_member(second, fixture)
    for server in (second, second):
        assert fixture.held_comment_text not in member.get(server, fixture.discussion_path).text

    moderator = Visitor()
    assert (
        moderator.post_form(
            first, "/admin/login/", {"username": fixture.admin_username, "password": fixture.admin_password}
        ).status_code
        == 302
    )
    item = ModerationItem.objects.get(comment__comment=fixture.held_comment_text)
    approved = moderator.post_form(
        first, "/admin/moderation/", {"action": "approve", "selected": item.pk, "return_query": ""}
    )
    assert approved.status_code == 302, f"approving through the first server failed ({approved.status_code})"
    assert fixture.held_comment_text in reader.get(second, fixture.discussion_path).text, (
        "the second server's cached page missed the approved comment"
    )
    assert fixture.held_comment_text in member.get(second, fixture.discussion_path).text, (
        "the second server showed a signed-in member a thread from before the approval"
    )

    assert "1 like" not in member.get(second, fixture.discussion_path).text
    like_path = f"/comments/{item.comment_id}/like/"
    liked = member.post_form(first, like_path, {}, form_path=fixture.discussion_path)
    assert liked.status_code in (302, 303), f"liking through the first server failed ({liked.status_code})"
    for visitor in (member, reader):
        assert "1 like" in visitor.get(second, fixture.discussion_path).text, (
            "the second server did not show a like given through the first"
        )


def check_shared_rate_limit(first, second, fixture, attempts=5):
    """allauth allows five failed sign-ins per address in five minutes; after
    that even the right password is refused, whichever server is asked."""
    attacker = Visitor()
    for _ in range(attempts):
        failed = sign_in(attacker, first, fixture.other_member_email, "wrong password")
        assert failed.status_code == 200
    blocked = sign_in(Visitor(), second, fixture.other_member_email, fixture.member_password)
    assert blocked.status_code != 302, "the second server ignored failed sign-ins counted on the first"
    assert "Too many failed login attempts" in blocked.text


def checks_for(fixture):
    checks = [check_shared_sessions, check_shared_cache_invalidation]
    if fixture.discussion_path:
        checks.append(check_comment_approval_reaches_the_other_servers_cached_page)
    return checks + [check_shared_rate_limit]


def run_checks(env, fixture, report=print):
    manage(env, "collectstatic", "--noinput")
    with ExitStack() as stack:
        first = stack.enter_context(AppServer(env, workers=1))
        second = stack.enter_context(AppServer(env, workers=1))
        report(f"gunicorn on {first.url} and {second.url}")
        try:
            for check in checks_for(fixture):
                check(first, second, fixture)
                report(f"ok: {check.__name__.removeprefix('check_').replace('_', ' ')}")
        finally:
            forget_cache(env)


def forget_cache(env):
    """Remove this run's keys (sessions, cached pages, rate limits) from Redis."""
    import redis

    client = redis.Redis.from_url(env["REDIS_URL"])
    for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
        client.delete(key)


def main():
    for name in ("DATABASE_URL", "REDIS_URL"):
        if name not in os.environ:
            sys.exit(f"Set {name} (PostgreSQL and Redis shared by both servers).")
    env = production_environment(os.environ["DATABASE_URL"], os.environ["REDIS_URL"])
    os.environ.update(env)
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo_content")

    import django

    django.setup()
    run_checks(env, make_fixture())


if __name__ == "__main__":
    main()
