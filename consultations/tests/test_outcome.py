from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from consultations.factories import ConsultationPageFactory, OutcomePageFactory
from consultations.models import ConsultationPage, OutcomePage


class OutcomeEditorTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def form_data(self):
        return nested_form_data(
            {
                "title": "What we heard",
                "slug": "what-we-heard",
                "summary": "You asked for more street lighting. We will light 40 streets.",
                "introduction": "",
                "body": streamfield([]),
                "action-publish": "publish",
            }
        )

    def add(self, consultation):
        url = reverse("wagtailadmin_pages:add", args=["consultations", "outcomepage", consultation.pk])
        return self.client.post(url, self.form_data())

    def test_an_outcome_lives_only_under_a_consultation_and_once(self):
        self.assertAllowedParentPageTypes(OutcomePage, {ConsultationPage})
        outcome = OutcomePageFactory()
        assert not OutcomePage.can_create_at(outcome.consultation)

    def test_an_editor_publishes_the_outcome_of_a_closed_consultation(self):
        consultation = ConsultationPageFactory(closed=True)
        response = self.add(consultation)
        assert response.status_code == 302
        outcome = OutcomePage.objects.child_of(consultation).get()
        assert outcome.live
        page = self.client.get(outcome.url)
        self.assertContains(page, "You asked for more street lighting.")
        self.assertContains(page, consultation.title)

    def test_an_open_consultation_cannot_have_an_outcome_yet(self):
        consultation = ConsultationPageFactory()
        response = self.add(consultation)
        assert response.status_code == 200
        self.assertContains(response, "This consultation is still open until")
        self.assertContains(response, "Its outcome can be written once it has closed.")
        assert not OutcomePage.objects.exists()
