"""Open data of a closed consultation: approved comments (CSV, JSON) and survey aggregates,
under the site's licence, with nothing personal, held or removed, and only when editors allow it."""

import csv
import io
import json

import pytest
from django.test import Client
from lxml import etree

from consultations.factories import ConsultationIndexPageFactory, ConsultationPageFactory
from discussions import comments
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.models import Reaction
from surveys.factories import VALID_ANSWERS, SurveyPageFactory, SurveyResponseFactory

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"


@pytest.fixture
def consultation(home_page):
    return ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page), closed=True)


@pytest.fixture
def discussion(consultation, make_member):
    discussion = DiscussionPageFactory(parent=consultation)
    alice = make_member(email="alice.private@example.org")
    bob = make_member(email="bob.private@example.org")
    first = CommentFactory(page=discussion, user=alice, text="=SUM(A1) more buses please")
    CommentFactory(page=discussion, user=bob, text="Agreed", parent=first)
    held = CommentFactory(page=discussion, user=bob, text="Held words 07700 900123")
    removed = CommentFactory(page=discussion, user=bob, text="Removed words")
    comments.set_visibility([held.pk], is_public=False)
    comments.set_visibility([removed.pk], is_removed=True)
    Reaction.objects.create(comment=first, user=bob)
    discussion.people = [alice, bob]
    discussion.first = first
    return discussion


def download(path):
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Link"] == f'<{OGL}>; rel="license"'
    return response


def assert_nothing_personal_or_hidden(text, discussion):
    for person in discussion.people:
        assert person.email not in text
    assert "@" not in text
    assert "Held words" not in text and "Removed words" not in text


def test_approved_comments_as_json(discussion):
    response = download(f"/open-data/comments/{discussion.pk}.json")
    data = json.loads(response.content)
    assert data["licence"] == {"name": "Open Government Licence v3.0", "url": OGL}
    assert data["source"] == f"http://testserver{discussion.url}"
    first, reply = data["comments"]
    assert set(first) == {"id", "posted", "pseudonym", "reply_to", "likes", "text"}
    assert first["pseudonym"] == discussion.people[0].profile.display_name
    assert first["likes"] == 1 and first["reply_to"] is None
    assert reply["reply_to"] == first["id"]
    assert_nothing_personal_or_hidden(response.content.decode(), discussion)
    assert not {"user", "user_id", "email"} & set(first)
    assert first["id"] == discussion.first.pk  # the comment's id, never its author's


def test_downloads_come_from_the_page_cache_until_a_comment_changes(
    discussion, page_cache, django_capture_on_commit_callbacks
):
    path = f"/open-data/comments/{discussion.pk}.json"
    assert Client().get(path)["X-Page-Cache"] == "miss"
    assert Client().get(path)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        comments.set_visibility([discussion.first.pk], is_removed=True)
    response = Client().get(path)
    assert response["X-Page-Cache"] == "miss"
    assert "more buses" not in response.content.decode()


def test_approved_comments_as_csv_safe_in_a_spreadsheet(discussion):
    response = download(f"/open-data/comments/{discussion.pk}.csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [row["text"] for row in rows] == ["'=SUM(A1) more buses please", "Agreed"]
    assert rows[0]["licence"] == f"Open Government Licence v3.0 ({OGL})"
    assert_nothing_personal_or_hidden(text, discussion)


def test_nothing_while_open_or_when_editors_turn_it_off(discussion, consultation, home_page):
    consultation.open_data = False
    consultation.save()
    assert Client().get(f"/open-data/comments/{discussion.pk}.json").status_code == 404
    still_open = DiscussionPageFactory(parent=ConsultationPageFactory(parent=consultation.get_parent()))
    assert Client().get(f"/open-data/comments/{still_open.pk}.json").status_code == 404
    assert Client().get(f"/open-data/comments/{discussion.pk}.exe").status_code == 404


def test_survey_results_suppress_small_groups(consultation, make_member):
    survey = SurveyPageFactory(parent=consultation)
    areas = ["North"] * 12 + ["East"] * 11 + ["South"]
    for number, area in enumerate(areas):
        SurveyResponseFactory(
            page=survey,
            respondent=make_member(email=f"respondent{number}@example.org"),
            area=area,
            form_data={**VALID_ANSWERS, "tell_us_more": f"Private story {number}"},
        )
    response = download(f"/open-data/surveys/{survey.pk}.json")
    data = json.loads(response.content)
    assert data["responses"] == 24 and data["minimum_group_size"] == 10
    safety = next(
        question for question in data["questions"] if question["question"] == "How safe do you feel"
    )
    assert {"label": "Safe", "count": 24} in safety["options"]
    groups = {group["group"]: group for group in data["breakdowns"]["area"]["groups"]}
    assert groups["North"]["responses"] == 12
    assert groups["South"] == {"group": "South", "suppressed": True}
    # East is hidden too: the total less North and East would otherwise be South's answers.
    assert groups["East"] == {"group": "East", "suppressed": True}
    text = response.content.decode()
    assert "Private story" not in text and "Hackney Wick" not in text and "@" not in text


def test_a_survey_with_too_few_responses_gives_no_figures(consultation, make_member):
    survey = SurveyPageFactory(parent=consultation)
    SurveyResponseFactory(page=survey, respondent=make_member(), form_data=VALID_ANSWERS)
    data = json.loads(download(f"/open-data/surveys/{survey.pk}.json").content)
    assert data["suppressed"] is True and data["questions"] == [] and data["responses"] is None


def test_consultation_page_lists_the_downloads_and_the_licence(discussion, consultation):
    survey = SurveyPageFactory(parent=consultation)
    html = etree.HTML(Client().get(consultation.url).content)
    links = html.xpath("//section[contains(@class, 'open-data')]//a/@href")
    assert f"/open-data/comments/{discussion.pk}.csv" in links
    assert f"/open-data/comments/{discussion.pk}.json" in links
    assert f"/open-data/surveys/{survey.pk}.json" in links
    assert html.xpath("//a[@rel='license']/@href") == [OGL, OGL]
