from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultations.factories import ConsultationPageFactory, OutcomePageFactory
from consultations.models import ConsultationPage, OutcomePage
from tests.caching import cached_anonymous_copy

COMMITMENTS = [
    "Plant 10,000 street trees by 2030.",
    "Open every school playground to the public at weekends.",
]
QUESTIONS = ["Which streets need trees most?", "When should playgrounds open?"]


def consultation_body():
    return [
        ("questions", {"heading": "Join the conversation", "introduction": "", "questions": QUESTIONS}),
        ("key_commitments", {"heading": "What is in the plan?", "introduction": "", "items": COMMITMENTS}),
        (
            "timeline",
            {
                "heading": "Timeline",
                "stages": [
                    {"label": "Evidence gathering", "title": "Tell us", "state_override": "happened"},
                    {"label": "Policy published", "title": "The final plan", "state_override": ""},
                ],
            },
        ),
    ]


def decision(title, commitment=""):
    return {"decision": title, "what_changed": "We listened.", "commitment": commitment}


def outcome_body(decisions=(), summary="<p>Most of you wanted more trees.</p>"):
    return [
        ("we_asked", {"heading": "We asked", "introduction": ""}),
        ("you_said", {"heading": "You said", "summary": summary, "quotes": []}),
        (
            "we_did",
            {"heading": "We did", "introduction": "", "decisions": list(decisions) or [decision("More")]},
        ),
    ]


def list_block(items):
    """A ListBlock's fields as the editor posts them."""
    return {
        "count": len(items),
        **{str(n): {"value": item, "deleted": "", "order": n, "id": ""} for n, item in enumerate(items)},
    }


class OutcomeEditorTests(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def form_data(self, body=()):
        return nested_form_data(
            {
                "title": "What we heard",
                "slug": "what-we-heard",
                "summary": "You asked for more street lighting. We will light 40 streets.",
                "introduction": "",
                "body": streamfield(list(body)),
                "action-publish": "publish",
            }
        )

    def add(self, consultation, body=()):
        url = reverse("wagtailadmin_pages:add", args=["consultations", "outcomepage", consultation.pk])
        return self.client.post(url, self.form_data(body))

    def we_did(self, *decisions):
        return (
            "we_did",
            {"heading": "We did", "introduction": "", "decisions": list_block(list(decisions))},
        )

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

    def test_the_editor_opens_an_outcome_with_every_part(self):
        consultation = ConsultationPageFactory(closed=True, body=consultation_body())
        outcome = OutcomePageFactory(parent=consultation, body=outcome_body([decision("X", COMMITMENTS[1])]))
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=[outcome.pk]))
        assert response.status_code == 200
        self.assertContains(response, "Key commitment it changes")
        self.assertPageIsRenderable(outcome)

    def test_an_open_consultation_cannot_have_an_outcome_yet(self):
        consultation = ConsultationPageFactory()
        response = self.add(consultation)
        assert response.status_code == 200
        self.assertContains(response, "This consultation is still open until")
        self.assertContains(response, "Its outcome can be written once it has closed.")
        assert not OutcomePage.objects.exists()

    def test_an_editor_publishes_all_three_parts_with_a_commitment_it_changes(self):
        consultation = ConsultationPageFactory(closed=True, body=consultation_body())
        body = [
            ("we_asked", {"heading": "We asked", "introduction": "Two questions."}),
            (
                "you_said",
                {
                    "heading": "You said",
                    "summary": rich_text("<p>Trees, mostly.</p>"),
                    "quotes": list_block([]),
                },
            ),
            self.we_did(decision("Trees first", commitment="  plant 10,000 street TREES by 2030. ")),
        ]
        response = self.add(consultation, body)
        assert response.status_code == 302, response.context["form"].errors
        outcome = OutcomePage.objects.child_of(consultation).get()
        page = self.client.get(outcome.url)
        self.assertContains(page, "Which streets need trees most?")
        self.assertContains(page, "Trees, mostly.")
        self.assertContains(page, "Trees first")
        self.assertContains(page, "Key commitment it changes:")

    def test_a_commitment_that_is_not_the_consultations_is_refused_and_nothing_is_lost(self):
        consultation = ConsultationPageFactory(closed=True, body=consultation_body())
        body = [self.we_did(decision("Fewer buses", commitment="Run fewer buses at night."))]
        response = self.add(consultation, body)
        assert response.status_code == 200
        self.assertContains(response, "This is not one of the consultation")
        self.assertContains(response, f"(2) {COMMITMENTS[1]}")
        self.assertContains(response, "Run fewer buses at night.")
        self.assertContains(response, "Fewer buses")
        assert not OutcomePage.objects.exists()


@pytest.fixture
def closed(consultation_index):
    return ConsultationPageFactory(
        parent=consultation_index, title="Street trees", closed=True, body=consultation_body()
    )


def test_the_outcome_draws_the_questions_and_computes_the_figures(client, closed):
    closed.offline_response_count = 37
    closed.save_revision().publish()
    outcome = OutcomePageFactory(parent=closed, body=outcome_body())
    html = client.get(outcome.url).content.decode()
    for question in QUESTIONS:
        assert question in html
    assert 'response-count__number">37<' in html
    assert "by post, email or at events" in html
    assert "0</strong> members took part online" in html
    assert "Most of you wanted more trees." in html


def test_a_closed_consultation_shows_its_published_outcome_and_its_timeline_leads_there(client, closed):
    assert "We will publish what we heard" in client.get(closed.url).content.decode()
    outcome = OutcomePageFactory(parent=closed, title="What we heard about trees")
    html = client.get(closed.url).content.decode()
    assert "Outcome published" in html
    assert outcome.summary in html
    # The outcome link in the callout and in the timeline's last stage.
    assert html.count(f'href="{outcome.url}"') == 2
    assert "Read the outcome: What we heard about trees" in html.split('class="timeline__stage')[-1]


def test_an_unpublished_outcome_is_not_shown(client, closed):
    outcome = OutcomePageFactory(parent=closed)
    outcome.unpublish()
    assert outcome.url not in client.get(closed.url).content.decode()


def test_cards_link_to_a_published_outcome_and_publishing_purges_the_cached_listings(
    client, closed, consultation_index, page_cache, django_capture_on_commit_callbacks
):
    ConsultationPageFactory(parent=consultation_index, title="Still open")
    listings = [consultation_index.url, "/", closed.url]
    for url in listings:
        assert "see what changed" not in cached_anonymous_copy(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = OutcomePageFactory.build(title="Outcome of the trees plan", slug="outcome")
        closed.add_child(instance=outcome)
        outcome.save_revision().publish()
    for url in (consultation_index.url, "/"):
        html = client.get(url).content.decode()
        assert html.count(f'href="{outcome.url}"') == 1, url
        assert "Outcome published: see what changed" in html
    assert f'href="{outcome.url}"' in client.get(closed.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        outcome.unpublish()
    for url in listings:
        assert f'href="{outcome.url}"' not in client.get(url).content.decode(), url


@pytest.mark.parametrize("url", ["index", "home"])
def test_outcome_links_cost_no_query_per_card(client, consultation_index, django_assert_max_num_queries, url):
    for n in range(8):
        consultation = ConsultationPageFactory(
            parent=consultation_index,
            opens_at=timezone.now() - timedelta(days=30 + n),
            closes_at=timezone.now() - timedelta(days=1 + n),
        )
        OutcomePageFactory(parent=consultation, slug=f"outcome-{n}")
    address = consultation_index.url if url == "index" else "/"
    with django_assert_max_num_queries(20):
        html = client.get(address).content.decode()
    assert html.count("Outcome published: see what changed") == (8 if url == "index" else 6)


def test_the_outcome_page_query_count_is_bounded(client, closed, django_assert_max_num_queries):
    outcome = OutcomePageFactory(parent=closed, body=outcome_body())
    with django_assert_max_num_queries(25):
        assert client.get(outcome.url).status_code == 200


def test_an_outcome_behind_a_password_is_not_linked(client, closed, consultation_index):
    outcome = OutcomePageFactory(parent=closed)
    PageViewRestriction.objects.create(page=outcome, restriction_type="password", password="draft")
    for url in (consultation_index.url, "/", closed.url):
        assert outcome.url not in client.get(url).content.decode(), url
