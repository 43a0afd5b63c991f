import pytest
from django.test import RequestFactory
from django.views.defaults import server_error
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from core.factories import NoticeFactory
from core.models import SiteSettings
from home.factories import StandardPageFactory, home_site
from home.models import HomePage, StandardPage


class PageRenderingTests(WagtailPageTestCase):
    def setUp(self):
        self.home = home_site()
        self.index = ConsultationIndexPageFactory(parent=self.home)
        self.consultation = ConsultationPageFactory(parent=self.index, title="Safer Streets")
        self.notice = NoticeFactory()
        self.about = StandardPageFactory(
            parent=self.home,
            title="About",
            body=[
                {"type": "rich_text", "value": "<h2>Who we are</h2><p>City Hall.</p>"},
                {"type": "notice", "value": self.notice.pk},
            ],
        )

    def test_every_page_type_renders(self):
        for page in (self.home, self.index, self.consultation, self.about):
            self.assertPageIsRenderable(page)

    def test_the_home_page_features_consultations_and_asks_people_to_join(self):
        response = self.client.get("/")
        self.assertContains(response, "Safer Streets")
        self.assertContains(response, "Join the Engagement Hub")
        self.assertContains(response, self.index.url)

    def test_the_standard_page_renders_its_blocks(self):
        response = self.client.get(self.about.url)
        self.assertContains(response, "Who we are")
        self.assertContains(response, "Staying safe")

    def test_pages_have_landmarks_a_skip_link_and_one_heading(self):
        for page in (self.home, self.index, self.consultation, self.about):
            content = self.client.get(page.url).content.decode()
            assert 'href="#main-content"' in content
            assert '<main id="main-content"' in content
            assert "<header" in content and "<footer" in content
            assert content.count("<h1") == 1, page

    def test_breadcrumbs_show_the_way_home(self):
        content = self.client.get(self.consultation.url).content.decode()
        assert 'aria-label="Breadcrumb"' in content
        assert '<span aria-current="page">Safer Streets</span>' in content

    def test_the_footer_links_the_pages_set_in_site_settings(self):
        guidelines = StandardPageFactory(parent=self.home, title="Community guidelines")
        settings = SiteSettings.for_site(self.home.get_site())
        settings.guidelines_page = guidelines
        settings.save()
        footer = self.client.get("/").content.decode().split("<footer")[1]
        assert "Community guidelines" in footer

    def test_tree_rules_for_site_pages(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanCreateAt(StandardPage, StandardPage)


def test_search_finds_consultations_and_pages(client, consultation_index, home_page):
    ConsultationPageFactory(parent=consultation_index, title="Safer Streets", summary="Lighting and patrols")
    StandardPageFactory(parent=home_page, title="Accessibility statement")
    response = client.get("/search/", {"q": "Safer"})
    assert [result.title for result in response.context["search_results"]] == ["Safer Streets"]
    assert (
        client.get("/search/", {"q": "Accessibility"}).context["search_results"][0].title
        == "Accessibility statement"
    )


@pytest.mark.parametrize(
    "params", [{}, {"q": ""}, {"q": "x" * 5000}, {"q": "<b>bold</b>"}, {"q": "safety", "page": "zz"}]
)
def test_search_handles_empty_long_and_hostile_queries(client, home_page, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert b"<b>bold</b>" not in response.content


def test_the_404_page_is_styled_and_helpful(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content
    assert b"/static/css/hub.css" in response.content
    assert b'href="#main-content"' in response.content


def test_the_500_page_is_styled_and_needs_no_database(db):
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"/static/css/hub.css" in response.content


def test_a_csrf_failure_gets_a_styled_page_that_says_nothing_was_saved(db):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/search/")
    assert response.status_code == 403
    assert b"Your form has expired" in response.content
    assert b"Nothing was saved" in response.content
    assert b"/static/css/hub.css" in response.content
