"""Where each page type may go in the page tree."""

from wagtail.test.utils import WagtailPageTestCase

from consultations.models import ConsultationIndexPage, ConsultationPage
from events.models import EventIndexPage, EventPage
from home.models import HomePage, StandardPage


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_holds_the_consultation_index_and_standard_pages(self):
        self.assertCanCreateAt(HomePage, ConsultationIndexPage)
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(HomePage, ConsultationPage)

    def test_consultations_live_only_in_the_index(self):
        self.assertAllowedParentPageTypes(ConsultationPage, {ConsultationIndexPage})
        self.assertCanNotCreateAt(StandardPage, ConsultationPage)
        self.assertCanNotCreateAt(ConsultationIndexPage, StandardPage)

    def test_standard_pages_nest_but_hold_nothing_else(self):
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_the_home_page_holds_the_events_list(self):
        self.assertCanCreateAt(HomePage, EventIndexPage)
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
