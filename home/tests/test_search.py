"""Site search: Wagtail's database backend, which on PostgreSQL is its ranked
full-text search (SQLite's FTS5 elsewhere). These tests run on both."""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from consultations.factories import ConsultationPageFactory, TopicFactory
from home.factories import StandardPageFactory


def titles(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [result.title for result in response.context["search_results"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgresql_gets_its_full_text_search_backend(db):
    assert type(get_search_backend()).__module__.startswith("modelsearch.backends.database.postgres")


def test_a_match_in_the_title_ranks_above_a_match_in_the_text(client, consultation_index, home_page):
    StandardPageFactory(parent=home_page, title="Getting about", introduction="Cycling lanes near schools.")
    ConsultationPageFactory(
        parent=consultation_index, title="Cycling strategy", summary="Routes and parking."
    )
    assert titles(client, "cycling") == ["Cycling strategy", "Getting about"]


def test_consultations_are_found_by_summary_body_and_topic(client, consultation_index):
    transport = TopicFactory(name="Transport", slug="transport")
    ConsultationPageFactory(parent=consultation_index, title="Bus lanes", topic=transport)
    ConsultationPageFactory(
        parent=consultation_index,
        title="Green spaces",
        summary="Parks for everyone.",
        body=[{"type": "rich_text", "value": "<p>Allotments and orchards.</p>"}],
    )
    assert titles(client, "transport") == ["Bus lanes"]
    assert titles(client, "parks") == ["Green spaces"]
    assert titles(client, "orchards") == ["Green spaces"]


def test_every_word_counts_towards_the_ranking(client, home_page):
    StandardPageFactory(
        parent=home_page, title="Air quality report", introduction="Readings across the city."
    )
    StandardPageFactory(parent=home_page, title="Quality standards", introduction="How we measure service.")
    assert titles(client, "air quality")[0] == "Air quality report"


def test_drafts_and_private_pages_are_never_found(client, home_page):
    StandardPageFactory(parent=home_page, title="Budget leak", live=False)
    assert titles(client, "budget") == []


def test_punctuation_in_a_query_is_ignored_not_an_error(client, home_page):
    StandardPageFactory(parent=home_page, title="Covid recovery plan")
    assert titles(client, '"covid" -recovery: (plan') == ["Covid recovery plan"]
