from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from consultations.factories import ConsultationPageFactory, TopicFactory


@pytest.fixture
def consultations(consultation_index):
    now = timezone.now()
    safety, environment = TopicFactory(name="Community safety"), TopicFactory(name="Environment")
    return {
        "open": ConsultationPageFactory(parent=consultation_index, title="Safer Streets", topic=safety),
        "upcoming": ConsultationPageFactory(
            parent=consultation_index,
            title="Library Futures",
            topic=environment,
            opens_at=now + timedelta(days=10),
            closes_at=now + timedelta(days=40),
        ),
        "closed": ConsultationPageFactory(
            parent=consultation_index,
            title="Clean Air Streets",
            topic=environment,
            opens_at=now - timedelta(days=90),
            closes_at=now - timedelta(days=30),
        ),
    }


def titles(response):
    return {page.title for page in response.context["consultations"]}


def test_the_index_lists_every_consultation(client, consultation_index, consultations):
    response = client.get(consultation_index.url)
    assert response.status_code == 200
    assert titles(response) == {"Safer Streets", "Library Futures", "Clean Air Streets"}


@pytest.mark.parametrize(
    ("status", "expected"),
    [("open", {"Safer Streets"}), ("upcoming", {"Library Futures"}), ("closed", {"Clean Air Streets"})],
)
def test_the_index_filters_by_status(client, consultation_index, consultations, status, expected):
    assert titles(client.get(consultation_index.url, {"status": status})) == expected


def test_the_index_filters_by_topic_and_status_together(client, consultation_index, consultations):
    environment = consultations["closed"].topic
    response = client.get(consultation_index.url, {"topic": environment.slug})
    assert titles(response) == {"Library Futures", "Clean Air Streets"}
    response = client.get(consultation_index.url, {"topic": environment.slug, "status": "closed"})
    assert titles(response) == {"Clean Air Streets"}


@pytest.mark.parametrize(
    "params",
    [
        {"status": "bogus"},
        {"topic": "no-such-topic"},
        {"page": "999"},
        {"page": "-1"},
        {"page": "abc"},
        {"status": "<script>alert(1)</script>"},
        {"utm_source": "newsletter", "whatever": "x"},
    ],
)
def test_bad_or_unknown_parameters_are_ignored(client, consultation_index, consultations, params):
    response = client.get(consultation_index.url, params)
    assert response.status_code == 200
    assert len(titles(response)) >= 1
    assert b"<script>alert(1)</script>" not in response.content


def test_the_index_paginates(client, consultation_index):
    for number in range(12):
        ConsultationPageFactory(parent=consultation_index, title=f"Consultation {number:02}")
    first = client.get(consultation_index.url)
    second = client.get(consultation_index.url, {"page": 2})
    assert len(first.context["consultations"]) == 10
    assert len(second.context["consultations"]) == 2
    assert b"Page 1 of 2" in first.content


def test_an_open_consultation_shows_status_dates_and_count(client, consultations):
    consultation = consultations["open"]
    consultation.offline_response_count = 1622
    consultation.save_revision().publish()
    response = client.get(consultation.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Status: </span>Open" in content
    assert "1,622</strong> people have responded" in content
    assert content.count("<h1") == 1


def test_a_closed_consultation_says_closed_with_the_dates_it_ran(client, consultations):
    consultation = consultations["closed"]
    content = client.get(consultation.url).content.decode()
    assert "Status: </span>Closed" in content
    opened = timezone.localtime(consultation.opens_at).replace(microsecond=0)  # HTML allows no microseconds
    assert f'Ran from <time datetime="{opened.isoformat()}' in content


def test_a_single_response_reads_naturally(client, consultations):
    consultation = consultations["open"]
    consultation.offline_response_count = 1
    consultation.save_revision().publish()
    assert b"1</strong> person has responded" in client.get(consultation.url).content


def test_a_deleted_hero_image_does_not_break_the_page(client, consultation_index):
    image = get_image_model().objects.create(title="Gone soon", file=get_test_image_file())
    consultation = ConsultationPageFactory(parent=consultation_index, hero_image=image)
    image.delete()
    assert client.get(consultation.url).status_code == 200


def test_a_deleted_image_inside_the_body_does_not_break_the_page(client, consultation_index):
    image = get_image_model().objects.create(title="Gone soon", file=get_test_image_file())
    consultation = ConsultationPageFactory(
        parent=consultation_index,
        body=[
            {
                "type": "image",
                "value": {
                    "image": {"image": image.pk, "alt_text": "x", "decorative": False},
                    "caption": "A caption",
                },
            }
        ],
    )
    image.delete()
    response = client.get(consultation.url)
    assert response.status_code == 200
    assert b"A caption" not in response.content


def queries_to_render(client, url):
    # The first view makes image renditions, which saves the image and so
    # purges what the second one remembers; count a steady-state view.
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_index_query_count_does_not_grow_with_consultations(
    client, consultation_index, django_assert_max_num_queries
):
    topic = TopicFactory()
    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    counts = []
    for total in (10, 100):
        while consultation_index.get_children().count() < total:
            ConsultationPageFactory(parent=consultation_index, topic=topic, hero_image=image)
        counts.append(queries_to_render(client, consultation_index.url))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(20):
        client.get(consultation_index.url)


def test_the_consultation_query_count_does_not_grow_with_siblings(
    client, consultation_index, django_assert_max_num_queries
):
    image = get_image_model().objects.create(title="Hero", file=get_test_image_file())
    consultation = ConsultationPageFactory(parent=consultation_index, hero_image=image)
    counts = []
    for total in (10, 100):
        while consultation_index.get_children().count() < total:
            ConsultationPageFactory(parent=consultation_index, hero_image=image)
        counts.append(queries_to_render(client, consultation.url))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(20):
        client.get(consultation.url)
