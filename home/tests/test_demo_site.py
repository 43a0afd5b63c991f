"""The demo site that `make run` loads, built once for every test here (they only read it)."""

import io
import re

import pytest
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from consultations.models import ConsultationPage, ConsultationStatus
from discussions.comments import Comment
from discussions.models import DiscussionPage, ModerationItem, Report
from events.models import EventPage, EventRegistration, EventStatus
from surveys.models import SurveyPage, SurveyResponse

pytestmark = pytest.mark.usefixtures("shared_demo_site", "db")


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def test_demo_content_loads_a_realistic_site():
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    statuses = {page.status for page in ConsultationPage.objects.live()}
    assert statuses == {ConsultationStatus.OPEN, ConsultationStatus.CLOSED, ConsultationStatus.UPCOMING}
    open_consultation = ConsultationPage.objects.open().get()
    block_types = {block.block_type for block in open_consultation.body}
    assert {"questions", "key_commitments", "timeline", "document_link", "notice"} <= block_types
    timeline = next(block for block in open_consultation.body if block.block_type == "timeline")
    assert len(timeline.value["stages"]) == 5


def test_demo_content_loads_idempotently():
    before = snapshot()
    call_command("load_demo_content", stdout=io.StringIO())
    assert snapshot() == before


def test_demo_pages_all_render(client):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def shown_response_count(html):
    """The number in "N residents have responded", wherever a page shows it."""
    return [int(number.replace(",", "")) for number in re.findall(r'response-count__number">([\d,]+)<', html)]


def test_every_page_shows_the_same_response_count(client):
    consultation = ConsultationPage.objects.get(slug="community-safety-plan")
    discussion = DiscussionPage.objects.child_of(consultation).get()
    survey = SurveyPage.objects.child_of(consultation).get()
    expected = (
        consultation.offline_response_count
        + Comment.objects.filter(object_pk=str(discussion.pk), is_public=True, is_removed=False).count()
        + SurveyResponse.objects.filter(page=survey).count()
        + EventRegistration.objects.confirmed().filter(event__consultation=consultation).count()
    )
    index_html = client.get(consultation.get_parent().url).content.decode()
    card = index_html.split(f'href="{consultation.url}"')[1].split("</article>")[0]
    shown = {
        "consultation page": shown_response_count(client.get(consultation.url).content.decode()),
        "its card on the index": shown_response_count(card),
        "its card on the home page": shown_response_count(
            client.get("/").content.decode().split(f'href="{consultation.url}"')[1].split("</article>")[0]
        ),
        "its discussion": shown_response_count(client.get(discussion.url).content.decode()),
        "its survey": shown_response_count(client.get(survey.url).content.decode()),
    }
    assert shown == {key: [expected] for key in shown}


def test_the_demo_discussion_has_threads_host_replies_and_queue_items(client):
    page = DiscussionPage.objects.get(slug="trust-and-confidence")
    assert page.consultation.slug == "community-safety-plan"
    html = client.get(page.url).content.decode()
    assert "Alex" in html and "Host, City Hall" in html
    assert "Show full comment" in html
    assert "07700 900461" not in html
    held = ModerationItem.objects.exclude(held_reasons=[]).get()
    assert not held.comment.is_public
    assert Report.objects.count() == 1
    assert Comment.objects.filter(level=1).exists()


def test_the_demo_events_have_happened_have_places_and_are_full():
    statuses = {event.slug: event.status for event in EventPage.objects.all()}
    assert statuses == {
        "launch-meeting": EventStatus.HAPPENED,
        "online-question-time": EventStatus.HAPPENED,
        "north-neighbourhood-workshop": EventStatus.REGISTRATION_OPEN,
        "women-and-girls-workshop": EventStatus.FULL,
        "school-street-walk": EventStatus.HAPPENED,
        "clean-air-question-time": EventStatus.HAPPENED,
    }
    assert EventRegistration.objects.waitlisted().count() == 2


def test_the_demo_survey_has_a_breakdown_to_show():
    survey = SurveyPage.objects.get()
    assert survey.get_parent().slug == "community-safety-plan"
    assert survey.live
    assert {field.field_type for field in survey.get_form_fields()} >= {
        "radio",
        "checkboxes",
        "dropdown",
        "agreement",
        "number",
        "multiline",
    }
    responses = SurveyResponse.objects.filter(page=survey)
    assert responses.count() == 19
    assert responses.filter(area="Hackney").count() >= 10
    assert 0 < responses.filter(area="Camden").count() < 10
    assert all(response.respondent.emailaddress_set.filter(verified=True).exists() for response in responses)


def test_the_home_page_lists_upcoming_events_but_not_past_ones(client):
    content = client.get("/").content.decode()
    upcoming = EventPage.objects.live().upcoming().order_by("starts_at").first()
    past = EventPage.objects.live().past().first()
    assert "Upcoming events" in content
    assert upcoming.title in content
    assert past.url not in content.split('id="events-heading"')[1].split("</section>")[0]


def test_the_response_count_is_the_offline_figure_plus_each_kind():
    consultation = ConsultationPage.objects.get(slug="community-safety-plan")
    by_kind = {kind.name: count for kind, count in consultation.responses_by_kind()}
    assert set(by_kind) == {"comments", "survey_answers", "event_places"}
    assert all(count > 0 for count in by_kind.values())
    assert consultation.response_count == consultation.offline_response_count + sum(by_kind.values())


def test_the_consultation_page_gathers_its_surveys_above_its_blocks_and_its_discussions_below(client):
    consultation = ConsultationPage.objects.get(slug="community-safety-plan")
    html = client.get(consultation.url).content.decode()
    surveys, blocks, discussions = (
        html.index('id="consultation-surveys-title"'),
        html.index('class="stream"'),
        html.index('id="discussions-heading"'),
    )
    assert surveys < blocks < discussions


def test_my_account_gathers_each_apps_section_in_order(client):
    member = Comment.objects.filter(user__isnull=False, is_public=True).first().user
    EventRegistration.objects.create(
        event=EventPage.objects.upcoming().first(), user=member, status="confirmed"
    )
    client.force_login(member)
    html = client.get("/accounts/").content.decode()
    assert html.index('id="my-comments-title"') < html.index('id="my-registrations-title"')
    assert html.index('id="my-registrations-title"') < html.index('id="questions-title"')


def test_support_phone_numbers_can_be_called_from_a_phone(client):
    html = client.get("/staying-safe/").content.decode()
    for number in ["999", "101", "116 123", "08 08 16 89 111", "0808 800 5000"]:
        assert f'<a href="tel:{number.replace(" ", "")}">{number}</a>' in html


def test_the_demo_survey_says_which_questions_must_be_answered():
    survey = SurveyPage.objects.get(slug="survey")
    required = [field.label for field in survey.get_form_fields() if field.required]
    fields = [field.label for field in survey.get_form_fields()]
    assert required == fields[:2]
    assert "Only the first two questions" in survey.intro


def test_the_closed_consultation_looks_finished_like_the_reference_discussion(client):
    """A closed discussion with threads, long comments, animal pseudonyms and host replies; a
    timeline whose events have happened; a published outcome in three parts."""
    consultation = ConsultationPage.objects.closed().get()
    discussion = DiscussionPage.objects.child_of(consultation).get()
    comments = Comment.objects.filter(object_pk=str(discussion.pk), is_public=True)
    assert comments.filter(level__gt=0).count() >= 5
    assert comments.filter(user__profile__is_host=True, level__gt=0).count() >= 3
    assert sum(len(text) > 400 for text in comments.values_list("comment", flat=True)) >= 2
    html = client.get(discussion.url).content.decode()
    assert "The discussion ran from" in html
    assert "Show full comment" in html
    assert "Host, City Hall" in html
    assert "Post comment" not in html

    page = client.get(consultation.url).content.decode()
    assert f"Read the discussion ({comments.count()} comments)" in page
    timeline = page.split('class="block-timeline"')[1]
    assert "Happened" in timeline
    assert "Coming up" not in timeline and "Happening now" not in timeline
    assert EventPage.objects.filter(consultation=consultation).count() == 2

    outcome = consultation.outcome
    assert outcome is not None
    assert [block.block_type for block in outcome.body] == ["we_asked", "you_said", "we_did"]
    # Published once, through a revision, as an editor would.
    assert Revision.objects.for_instance(outcome).count() == 1
    assert outcome.first_published_at is not None
    html = client.get(outcome.url).content.decode()
    assert html.count('class="quote"') == 3
    assert "Key commitment it changes:" in html
    assert f'href="{outcome.url}"' in client.get(consultation.get_parent().url).content.decode()
