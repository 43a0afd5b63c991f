"""The full-page cache (core/cache.py): what it stores, what it never shares,
and each way it is invalidated."""

from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware.csrf import get_token
from django.test import override_settings
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import PageViewRestriction

from accounts.factories import MemberFactory
from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory, TopicFactory
from core import cache as page_cache
from core.models import SiteSettings
from home.factories import StandardPageFactory
from home.models import StandardPage

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Getting involved", slug="getting-involved")


def served_from_cache(response):
    return response.get("X-Page-Cache") == "hit"


def get_twice(client, url):
    first = client.get(url)
    return first, client.get(url)


# What is stored, with which headers


def test_an_anonymous_page_is_rendered_once_then_served_from_the_cache(
    client, page, django_assert_num_queries
):
    first, second = get_twice(client, page.url)
    assert first["X-Page-Cache"] == "miss"
    assert served_from_cache(second)
    assert second.content == first.content
    with django_assert_num_queries(0):
        assert served_from_cache(client.get(page.url))


def test_a_cacheable_page_tells_browsers_and_cdns_how_long_to_keep_it(client, page, settings):
    response = client.get(page.url)
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {
        "public",
        f"max-age={settings.PAGE_CACHE_BROWSER_SECONDS}",
        f"s-maxage={settings.PAGE_CACHE_SECONDS}",
    }
    assert served_from_cache(client.get(page.url))
    assert client.get(page.url)["Cache-Control"] == response["Cache-Control"]


def test_a_cached_page_holds_no_csrf_token_and_sets_no_cookie(client, page):
    _, cached = get_twice(client, page.url)
    assert served_from_cache(cached)
    assert b"csrfmiddlewaretoken" not in cached.content
    assert not cached.cookies
    assert "Content-Security-Policy" in cached


def test_head_requests_share_the_cached_page(client, page):
    client.get(page.url)
    assert served_from_cache(client.head(page.url))


def test_query_strings_are_cached_separately(client, home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    ConsultationPageFactory(parent=index, title="Cleaner air")
    client.get(index.url + "?status=closed")
    assert not served_from_cache(client.get(index.url + "?status=open"))
    assert served_from_cache(client.get(index.url + "?status=closed"))


def test_turning_the_cache_off_stores_nothing(client, page, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _, second = get_twice(client, page.url)
    assert "X-Page-Cache" not in second
    assert "private" in second["Cache-Control"]


# What is never shared


def test_a_signed_in_members_page_is_never_stored_or_shown_to_anyone_else(client, page):
    amur = MemberFactory(username="amur")
    amur_name = amur.profile.display_name
    client.force_login(amur)
    for _ in range(2):
        response = client.get(page.url)
        assert "X-Page-Cache" not in response
        assert amur_name in response.content.decode()
        assert {part.strip() for part in response["Cache-Control"].split(",")} == {"private", "no-cache"}

    client.logout()
    anonymous = client.get(page.url)
    assert amur_name not in anonymous.content.decode()

    bilby = MemberFactory(username="bilby")
    client.force_login(bilby)
    for response in (client.get(page.url), client.get(page.url)):
        content = response.content.decode()
        assert bilby.profile.display_name in content
        assert amur_name not in content


def test_the_anonymous_copy_is_not_served_to_a_signed_in_member(client, page):
    get_twice(client, page.url)
    member = MemberFactory(username="amur")
    client.force_login(member)
    response = client.get(page.url)
    assert not served_from_cache(response)
    assert member.profile.display_name in response.content.decode()


def test_a_page_that_renders_a_csrf_token_is_not_stored(client, page):
    def context_with_a_form(self, request, *args, **kwargs):
        get_token(request)
        return {"page": self, "self": self, "request": request}

    with mock.patch.object(StandardPage, "get_context", context_with_a_form):
        _, second = get_twice(client, page.url)
    assert second.status_code == 200
    assert not served_from_cache(second)


def test_a_page_personalised_for_anonymous_readers_is_private(client, page):
    with mock.patch.object(StandardPage, "is_personalised", return_value=True):
        _, second = get_twice(client, page.url)
    assert not served_from_cache(second)
    assert "private" in second["Cache-Control"]


def test_a_reader_with_a_message_waiting_is_not_served_the_cached_page(client, page):
    get_twice(client, page.url)
    client.cookies[CookieStorage.cookie_name] = "pending"
    assert not served_from_cache(client.get(page.url))


def test_a_reader_with_a_session_is_not_served_the_cached_page(client, page, settings):
    get_twice(client, page.url)
    client.cookies[settings.SESSION_COOKIE_NAME] = "some-session"
    assert not served_from_cache(client.get(page.url))


def test_a_password_protected_page_is_never_shared(client, page):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="panel"
    )
    client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": "panel", "return_url": page.url},
    )
    seen_with_password = client.get(page.url)
    assert b"Getting involved</h1>" in seen_with_password.content
    assert "private" in seen_with_password["Cache-Control"]

    client.cookies.clear()
    stranger = client.get(page.url)
    assert b"Getting involved</h1>" not in stranger.content
    assert not served_from_cache(stranger)


def test_not_found_pages_are_not_stored(client, home_page):
    get_twice(client, "/no-such-page/")
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert not served_from_cache(response)


def test_a_preview_is_never_stored(client, page):
    editor = get_user_model().objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )
    client.force_login(editor)
    draft = page.specific
    draft.title = "Unpublished draft title"
    draft.save_revision()
    client.get(f"/admin/pages/{page.pk}/edit/preview/")
    client.logout()
    assert b"Unpublished draft title" not in client.get(page.url).content


# Invalidation


def test_publishing_shows_the_new_version_at_once(client, page):
    get_twice(client, page.url)
    page.title = "Getting involved in 2026"
    page.save_revision().publish()
    response = client.get(page.url)
    assert not served_from_cache(response)
    assert b"Getting involved in 2026" in response.content


def test_publishing_a_page_refreshes_every_page_that_lists_it(client, home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index, title="Cleaner air")
    for url in ("/", index.url):
        get_twice(client, url)
    consultation.title = "Cleaner air for every street"
    consultation.save_revision().publish()
    for url in ("/", index.url):
        assert b"Cleaner air for every street" in client.get(url).content


def test_unpublishing_removes_the_page_at_once(client, page):
    get_twice(client, page.url)
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404


def test_moving_a_page_updates_both_addresses_at_once(client, page, home_page):
    parent = StandardPageFactory(parent=home_page, title="About", slug="about")
    old_url = page.url
    get_twice(client, old_url)
    page.move(parent, pos="last-child")
    assert client.get(old_url).status_code in {301, 404}
    assert not served_from_cache(client.get(old_url))
    assert client.get("/about/getting-involved/").status_code == 200


def test_saving_a_draft_keeps_the_cached_pages(client, page, home_page):
    get_twice(client, page.url)
    get_twice(client, "/")
    page.title = "A draft nobody reads yet"
    page.save_revision()
    StandardPageFactory(parent=home_page, title="Work in progress", live=False)
    assert served_from_cache(client.get(page.url))
    assert served_from_cache(client.get("/"))
    assert b"A draft nobody reads yet" not in client.get(page.url).content


def test_changing_a_topic_refreshes_every_page(client, page):
    """Topics are registered for site-wide purging by the consultations app."""
    get_twice(client, page.url)
    TopicFactory(name="Transport")
    assert not served_from_cache(client.get(page.url))


def test_changing_site_settings_refreshes_every_page(client, page):
    get_twice(client, page.url)
    site_settings = SiteSettings.for_site(page.get_site())
    site_settings.organisation_name = "Borough Council"
    site_settings.save()
    assert b"Borough Council" in client.get(page.url).content


def test_purge_page_invalidates_the_page_and_its_ancestors_only(client, home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    consultation = ConsultationPageFactory(parent=index, title="Cleaner air")
    other = StandardPageFactory(parent=home_page, title="Elsewhere")
    urls = ["/", index.url, consultation.url, other.url]
    for url in urls:
        get_twice(client, url)

    page_cache.purge_page(consultation)

    assert [served_from_cache(client.get(url)) for url in urls] == [False, False, False, True]


def test_purge_page_can_leave_the_ancestors_alone(client, home_page, page):
    get_twice(client, "/")
    get_twice(client, page.url)
    page_cache.purge_page(page, ancestors=False)
    assert served_from_cache(client.get("/"))
    assert not served_from_cache(client.get(page.url))


def test_a_purge_after_the_commit_catches_a_render_that_started_before_it(
    client, page, django_capture_on_commit_callbacks
):
    """A reader's request that starts after the purge but before the commit
    renders the old version; the purge on commit keeps it from being served."""
    with django_capture_on_commit_callbacks() as after_commit:
        page.title = "Getting involved, new version"
        page.save_revision().publish()
        client.get(page.url)  # renders, and stores, before the commit
    for callback in after_commit:
        callback()
    assert not served_from_cache(client.get(page.url))


def test_a_purge_while_a_page_renders_keeps_that_render_out_of_the_cache(client, page):
    """A comment approved on another server while this one renders the page."""
    original_get_context = StandardPage.get_context

    def context_then_concurrent_purge(self, request, *args, **kwargs):
        context = original_get_context(self, request, *args, **kwargs)
        page_cache.purge_page(self)
        return context

    with mock.patch.object(StandardPage, "get_context", context_then_concurrent_purge):
        client.get(page.url)
    assert not served_from_cache(client.get(page.url))


def test_an_evicted_token_does_not_bring_back_stale_pages(client, page):
    from django.core.cache import cache

    get_twice(client, page.url)
    cache.delete(page_cache.SITE_TOKEN_KEY)
    assert not served_from_cache(client.get(page.url))


# The frontend cache (a CDN), when configured


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def frontend_cache():
    RecordingBackend.purged = []
    with override_settings(WAGTAILFRONTENDCACHE={"cdn": {"BACKEND": f"{__name__}.RecordingBackend"}}):
        yield RecordingBackend.purged


def test_publishing_purges_the_page_and_its_ancestors_from_the_cdn(
    frontend_cache, page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert set(frontend_cache) == {"http://testserver/getting-involved/", "http://testserver/"}


def test_unpublishing_purges_the_cdn(frontend_cache, page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "http://testserver/getting-involved/" in frontend_cache


def test_moving_purges_the_old_and_new_addresses_from_the_cdn(
    frontend_cache, page, home_page, django_capture_on_commit_callbacks
):
    parent = StandardPageFactory(parent=home_page, title="About", slug="about")
    with django_capture_on_commit_callbacks(execute=True):
        page.move(parent, pos="last-child")
    assert {"http://testserver/getting-involved/", "http://testserver/about/getting-involved/"} <= set(
        frontend_cache
    )


def test_purge_page_reaches_the_cdn(frontend_cache, page):
    page_cache.purge_page(page, ancestors=False)
    assert frontend_cache == ["http://testserver/getting-involved/"]


def test_without_a_cdn_nothing_is_queued(page, settings):
    settings.WAGTAILFRONTENDCACHE = {}
    with mock.patch("wagtail.contrib.frontend_cache.utils.purge_urls_from_cache") as purge:
        page_cache.purge_page(page)
    purge.assert_not_called()


# Query strings


def test_a_made_up_query_string_is_answered_but_never_stored(client, page):
    for _ in range(2):
        response = client.get(page.url, {"x": "1"})
        assert response.status_code == 200 and "X-Page-Cache" not in response
    assert served_from_cache(get_twice(client, page.url)[1])


def test_readers_from_a_tracked_link_get_the_page_everyone_gets(client, page):
    client.get(page.url)
    response = client.get(page.url, {"utm_source": "newsletter", "utm_medium": "email", "fbclid": "abc"})
    assert served_from_cache(response)


def test_a_listings_own_parameters_are_kept_whatever_their_order(client, home_page):
    index = ConsultationIndexPageFactory(parent=home_page)
    ConsultationPageFactory(parent=index, topic=TopicFactory(slug="transport"))
    first = client.get(f"{index.url}?topic=transport&page=1")
    assert first["X-Page-Cache"] == "miss"
    assert served_from_cache(client.get(f"{index.url}?page=1&topic=transport"))
    assert "X-Page-Cache" not in client.get(f"{index.url}?topic=transport&sort=random")
