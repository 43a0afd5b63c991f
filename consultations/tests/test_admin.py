from django.urls import reverse
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultations.factories import ConsultationIndexPageFactory
from consultations.models import ConsultationPage
from core.factories import DocumentFactory, NoticeFactory, default_site_root

VIDEO_URL = "https://www.youtube.com/watch?v=mwrGSfiB1Mg"


def list_block(items):
    """Form data for a ListBlock, as the page editor submits it."""
    data = {str(i): {"value": item, "id": "", "deleted": "", "order": str(i)} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def link(**target):
    return {
        "link_text": target.pop("link_text", ""),
        "page": "",
        "document": "",
        "external_url": "",
        **target,
    }


class ConsultationEditorTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.index = ConsultationIndexPageFactory()
        # Any page will do as a link's target.
        self.guidelines = default_site_root()
        self.document = DocumentFactory()
        self.notice = NoticeFactory()
        self.image = get_image_model().objects.create(title="Street", file=get_test_image_file())
        # Wagtail looks embeds up in its own table before asking the provider,
        # so the test needs no network.
        Embed.objects.create(
            hash=get_embed_hash(VIDEO_URL),
            url=VIDEO_URL,
            type="video",
            html='<iframe title="Video: why we are asking" src="about:blank"></iframe>',
        )

    def form_data(self, **overrides):
        data = {
            "title": "Draft Transport Strategy",
            "slug": "draft-transport-strategy",
            "summary": "Tell us how you travel.",
            "introduction": "",
            "hero_image": self.image.pk,
            "hero_image_alt": "A busy high street",
            "topic": "",
            "opens_at": "2025-01-06 09:00",
            "closes_at": "2025-02-12 23:59",
            "offline_response_count": "12",
            "body": streamfield(
                [
                    ("rich_text", rich_text("<p>Why we are asking.</p>")),
                    (
                        "questions",
                        {
                            "heading": "Join the conversation",
                            "introduction": "",
                            "questions": list_block(["How do you travel?", "What would help?"]),
                        },
                    ),
                    (
                        "key_commitments",
                        {
                            "heading": "What is in the plan?",
                            "introduction": "",
                            "items": list_block(["More buses.", "Safer junctions."]),
                        },
                    ),
                    (
                        "timeline",
                        {
                            "heading": "Timeline",
                            "stages": list_block(
                                [
                                    {
                                        "label": "Draft",
                                        "title": "Draft published",
                                        "starts_on": "2025-01-01",
                                        "ends_on": "",
                                        "description": "",
                                        "link": link(document=self.document.pk),
                                        "events": list_block([]),
                                        "state_override": "",
                                    },
                                    {
                                        "label": "Policy published",
                                        "title": "Final strategy",
                                        "starts_on": "",
                                        "ends_on": "",
                                        "description": "",
                                        "link": link(),
                                        "events": list_block([]),
                                        "state_override": "",
                                    },
                                ]
                            ),
                        },
                    ),
                    (
                        "call_to_action",
                        {
                            "heading": "Before you post",
                            "text": "Read the guidelines.",
                            "link": link(page=self.guidelines.pk, link_text="Guidelines"),
                        },
                    ),
                    (
                        "image",
                        {
                            "image": {"image": self.image.pk, "decorative": "", "alt_text": "A bus stop"},
                            "caption": "Bus stop",
                        },
                    ),
                    ("embed", VIDEO_URL),
                    (
                        "document_link",
                        {"document": self.document.pk, "link_text": "Read the strategy", "description": ""},
                    ),
                    ("notice", self.notice.pk),
                ]
            ),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_an_editor_can_build_a_consultation_from_every_block(self):
        self.assertCanCreate(self.index, ConsultationPage, self.form_data())
        page = ConsultationPage.objects.get(slug="draft-transport-strategy")
        assert [block.block_type for block in page.body] == [
            "rich_text",
            "questions",
            "key_commitments",
            "timeline",
            "call_to_action",
            "image",
            "embed",
            "document_link",
            "notice",
        ]
        assert page.live
        self.assertPageIsPreviewable(page, post_data=self.form_data())

    def test_the_published_page_shows_every_block(self):
        self.assertCanCreate(self.index, ConsultationPage, self.form_data())
        page = ConsultationPage.objects.get(slug="draft-transport-strategy")
        response = self.client.get(page.url)
        for text in [
            "How do you travel?",
            "Safer junctions.",
            "Draft published",
            "Guidelines",
            "Bus stop",
            "Read the strategy",
            "Staying safe",
        ]:
            self.assertContains(response, text)

    def test_closing_before_opening_is_a_form_error_not_a_crash(self):
        add_url = reverse("wagtailadmin_pages:add", args=("consultations", "consultationpage", self.index.pk))
        response = self.client.post(add_url, self.form_data(closes_at="2025-01-01 09:00"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "The closing date must be after the opening date.")
        self.assertContains(response, "Draft Transport Strategy")
        assert not ConsultationPage.objects.filter(slug="draft-transport-strategy").exists()

    def test_a_malformed_date_is_a_form_error(self):
        add_url = reverse("wagtailadmin_pages:add", args=("consultations", "consultationpage", self.index.pk))
        response = self.client.post(add_url, self.form_data(opens_at="the sixth of January"))
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a valid date/time.")
        assert not ConsultationPage.objects.filter(slug="draft-transport-strategy").exists()

    def test_timeline_stages_out_of_date_order_are_refused_with_a_message_on_the_stage(self):
        data = self.form_data()
        data["body-3-value-stages-1-value-starts_on"] = "2024-06-01"
        add_url = reverse("wagtailadmin_pages:add", args=("consultations", "consultationpage", self.index.pk))
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 200)
        assert "This stage is dated before the stage above it (Draft published, 1 January 2025)" in (
            response.content.decode()
        )
        assert not ConsultationPage.objects.filter(slug="draft-transport-strategy").exists()

    def test_a_timeline_stage_cannot_end_before_it_starts(self):
        data = self.form_data()
        data["body-3-value-stages-0-value-ends_on"] = "2024-12-01"
        add_url = reverse("wagtailadmin_pages:add", args=("consultations", "consultationpage", self.index.pk))
        response = self.client.post(add_url, data)
        self.assertEqual(response.status_code, 200)
        assert not ConsultationPage.objects.filter(slug="draft-transport-strategy").exists()
