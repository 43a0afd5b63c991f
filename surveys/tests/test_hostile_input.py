"""XSS payloads (tests/attacks.py) through survey answers: escaped where the member
reads them back, in Wagtail's submissions listing and in the results page, and
never a formula in the CSV export."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.factories import MemberFactory
from surveys.factories import VALID_ANSWERS, SurveyPageFactory
from surveys.models import SurveyResponse
from tests.attacks import XSS_PAYLOADS, assert_csv_safe, assert_escaped, marker_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_hostile_answers_are_escaped_everywhere_they_show(client, payload):
    survey = SurveyPageFactory()
    member = MemberFactory(profile__area="Hackney", profile__age_band="25-34")
    client.force_login(member)
    answers = {**VALID_ANSWERS, "your_neighbourhood": payload, "tell_us_more": payload}
    answers = {name: value for name, value in answers.items() if value is not None}
    assert client.post(survey.url, answers).status_code == 200
    assert SurveyResponse.objects.filter(page=survey).count() == 1
    assert_escaped(client.get(survey.url).content, payload)

    admin = get_user_model().objects.create_superuser(
        username="admin", email="admin@example.org", password="x"
    )
    client.force_login(admin)
    listing = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]))
    assert marker_of(payload) in listing.content.decode()
    assert_escaped(listing.content, payload)
    results = client.get(reverse("surveys:results", args=[survey.pk]))
    assert results.status_code == 200
    assert_escaped(results.content, payload)

    export = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]), {"export": "csv"})
    text = b"".join(export.streaming_content).decode()
    assert marker_of(payload) in text
    assert_csv_safe(text)
