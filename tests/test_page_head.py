"""What every page's head carries for browsers and search engines."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from wagtail.models import Page

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]+)">')


@pytest.mark.parametrize(
    "path",
    ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/", "/search/", "/search/?q=safety"],
)
def test_pages_without_a_page_of_their_own_still_describe_themselves(home_page, path):
    html = Client().get(path).content.decode()
    assert len(DESCRIPTION.findall(html)) == 1


def test_my_account_describes_itself(member_client):
    html = member_client.get("/accounts/").content.decode()
    assert len(DESCRIPTION.findall(html)) == 1


def test_every_page_names_its_icon_which_exists(home_page):
    html = Client().get("/accounts/login/").content.decode()
    icon = re.search(r'<link rel="icon" href="/static/([^"]+)" type="image/svg\+xml">', html)
    assert icon and finders.find(icon.group(1))


def test_every_page_of_the_demo_describes_itself_as_its_sharing_card_does(demo_site):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        html = Client().get(page.url).content.decode()
        [description] = DESCRIPTION.findall(html)
        assert f'<meta property="og:description" content="{description}">' in html, page.url
