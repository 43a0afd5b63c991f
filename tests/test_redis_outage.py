"""Redis goes away and comes back: the cache fails open (hub/settings/base.py).

Redis is reached through a loopback proxy of our own (tests/proxy.py), which
the test stops; Redis itself, shared with other runs, is never touched. Runs
in the PostgreSQL and Redis pass of CI; without REDIS_URL there is no Redis to lose.
"""

import copy
import os
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django_comments_xtd.models import XtdComment

from accounts.factories import MemberFactory
from discussions.comments import SECURITY_FIELDS
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.forms import DiscussionCommentForm
from tests.proxy import TcpProxy

pytestmark = pytest.mark.skipif("REDIS_URL" not in os.environ, reason="Needs Redis: set REDIS_URL.")


@pytest.fixture
def redis_through_a_proxy(settings):
    """The site's cache and sessions, reaching Redis through a proxy the test can cut."""
    redis = urlsplit(os.environ["REDIS_URL"])
    with TcpProxy(redis.hostname, redis.port or 6379) as proxy:
        caches = copy.deepcopy(settings.CACHES)
        caches["default"]["LOCATION"] = redis._replace(netloc=f"127.0.0.1:{proxy.port}").geturl()
        settings.CACHES = caches
        yield proxy


def comment_form(page, text):
    form = DiscussionCommentForm(page)
    return {**{name: form.initial[name] for name in SECURITY_FIELDS}, "reply_to": 0, "comment": text}


def test_pages_render_from_the_database_while_redis_is_down_and_recovery_is_automatic(
    redis_through_a_proxy, page_cache, settings
):
    settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 0
    discussion = DiscussionPageFactory()
    CommentFactory(page=discussion, text="Buses after midnight feel unsafe.")
    anonymous = Client()
    member = Client(raise_request_exception=False)
    member.force_login(MemberFactory())
    assert anonymous.get(discussion.url).status_code == 200
    assert anonymous.get("/healthz").json()["cache"] == "ok"

    redis_through_a_proxy.stop()

    for path in ("/", discussion.url):
        response = anonymous.get(path)
        assert response.status_code == 200
    assert "Buses after midnight feel unsafe." in anonymous.get(discussion.url).content.decode()

    health = anonymous.get("/healthz")
    assert health.status_code == 503
    assert health["Content-Type"] == "application/json"
    assert health.json() == {"status": "error", "database": "ok", "cache": "error"}

    # Sessions live in the database too: the member is still signed in, and
    # a comment refused by the rate limits (which need Redis) keeps its text.
    page = member.get(discussion.url)
    assert page.status_code == 200 and 'name="comment"' in page.content.decode()
    posted = member.post(discussion.url, comment_form(discussion, "Keep this comment safe."))
    assert posted.status_code == 429
    assert "Keep this comment safe." in posted.content.decode()
    assert not XtdComment.objects.filter(comment="Keep this comment safe.").exists()

    redis_through_a_proxy.start()

    health = anonymous.get("/healthz")
    assert (health.status_code, health.json()["cache"]) == (200, "ok")
    assert anonymous.get(discussion.url).status_code == 200
