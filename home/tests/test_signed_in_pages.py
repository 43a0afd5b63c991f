"""Pages for signed-in members: what every reader shares (the site, the route,
the page, the menu, breadcrumbs, site settings, view restrictions) comes from
the shared cache (core.cache.remember, core.routing), and every change a
member could notice shows at once."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from accounts.factories import MemberFactory
from core import cache as page_cache
from core.models import SiteSettings
from home.factories import HomePageFactory, StandardPageFactory
from home.models import StandardPage


@pytest.fixture
def page(home_page):
    return StandardPageFactory(parent=home_page, title="Getting involved", slug="getting-involved")


@pytest.fixture
def section(home_page):
    return StandardPageFactory(
        parent=home_page, title="Have your say", slug="have-your-say", show_in_menus=True
    )


@pytest.fixture
def nested(section):
    return StandardPageFactory(parent=section, title="Housing", slug="housing")


def navigation(response, label):
    """The navigation landmark called `label`, or "" if the page has none."""
    html = response.text
    start = html.find(f'aria-label="{label}"')
    return "" if start == -1 else html[start : html.index("</nav>", start)]


def menu(response):
    return navigation(response, "Main")


def breadcrumbs(response):
    return navigation(response, "Breadcrumb")


def test_a_member_gets_a_page_in_two_queries_their_session_and_themselves(
    member_client, member, page, django_assert_max_num_queries
):
    member_client.get(page.url)
    with django_assert_max_num_queries(2):
        response = member_client.get(page.url)
    assert response.status_code == 200
    assert "Getting involved" in response.text and member.profile.pseudonym in response.text


def test_without_a_cache_every_server_shares_nothing_is_kept(member_client, page, settings):
    settings.CACHE_IS_SHARED = False
    member_client.get(page.url)
    # Changed without a purge, as another server's change would look from here.
    StandardPage.objects.filter(pk=page.pk).update(title="Taking part")
    assert "Taking part" in member_client.get(page.url).text


def test_a_published_change_shows_at_once_and_a_draft_never(member_client, page):
    member_client.get(page.url)
    page.title = "Taking part"
    page.save_revision()
    assert "Getting involved" in member_client.get(page.url).text
    page.save_revision().publish()
    assert "Taking part" in member_client.get(page.url).text


def test_a_change_outside_the_page_tree_shows_once_its_app_purges_the_page(member_client, page):
    member_client.get(page.url)
    StandardPage.objects.filter(pk=page.pk).update(title="Taking part")
    page_cache.purge_page(page)
    assert "Taking part" in member_client.get(page.url).text


def test_the_menu_and_breadcrumbs_follow_publishing(member_client, section, nested):
    response = member_client.get(nested.url)
    assert "Have your say" in menu(response) and "Have your say" in breadcrumbs(response)

    section.title = "Your say"
    section.save_revision().publish()
    response = member_client.get(nested.url)
    assert "Your say" in menu(response) and "Your say" in breadcrumbs(response)

    section.unpublish()
    response = member_client.get(nested.url)
    assert "Your say" not in menu(response) and "Your say" not in breadcrumbs(response)


def test_unpublished_moved_and_deleted_pages_are_gone_at_once(member_client, home_page, page, section):
    assert member_client.get(page.url).status_code == 200
    page.unpublish()
    assert member_client.get("/getting-involved/").status_code == 404
    page.save_revision().publish()
    assert member_client.get("/getting-involved/").status_code == 200

    page.move(section, pos="last-child")
    moved = member_client.get("/getting-involved/")
    assert moved.status_code == 301 and moved.url == "/have-your-say/getting-involved/"
    assert member_client.get("/have-your-say/getting-involved/").status_code == 200

    StandardPage.objects.get(pk=page.pk).delete()
    assert member_client.get("/have-your-say/getting-involved/").status_code == 404


def test_a_page_created_live_in_code_is_found(member_client, home_page):
    assert member_client.get("/new-page/").status_code == 404
    StandardPageFactory(parent=home_page, title="New page", slug="new-page")
    assert member_client.get("/new-page/").status_code == 200


def test_site_settings_show_as_soon_as_they_are_saved(member_client, page):
    member_client.get(page.url)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.organisation_name = "Riverside Council"
    site_settings.save()
    assert "Riverside Council" in member_client.get(page.url).text


def test_a_view_restriction_applies_at_once_and_lifting_it_too(member_client, page):
    assert member_client.get(page.url).status_code == 200
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.create(name="Panel members")])
    assert member_client.get(page.url).status_code == 302
    restriction.delete()
    assert member_client.get(page.url).status_code == 200


def test_each_host_gets_its_own_site(member, home_page, settings):
    other_home = HomePageFactory(parent=home_page.get_parent(), title="Riverside", slug="riverside")
    Site.objects.create(hostname="riverside.example.org", port=80, root_page=other_home)
    default, riverside = Client(), Client(HTTP_HOST="riverside.example.org")
    for client in (default, riverside):
        client.force_login(member)
    assert "<title>Riverside" not in default.get("/").text
    assert "<title>Riverside" in riverside.get("/").text


def test_only_people_who_may_use_the_admin_see_its_user_bar(client, page):
    client.force_login(MemberFactory())
    assert "wagtail-userbar" not in client.get(page.url).text
    client.force_login(MemberFactory(is_superuser=True))
    assert "wagtail-userbar" in client.get(page.url).text
