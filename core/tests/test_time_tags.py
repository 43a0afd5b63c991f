from datetime import UTC, datetime

from django.template import Context, Template


def render(value):
    return Template("{% load time_tags %}{{ value|machine_time }}").render(Context({"value": value}))


def test_a_time_attribute_drops_the_microseconds_html_does_not_allow(settings):
    settings.TIME_ZONE = "Europe/London"
    assert render(datetime(2026, 11, 20, 3, 59, 34, 448270, tzinfo=UTC)) == "2026-11-20T03:59:34+00:00"
    assert render(datetime(2026, 7, 1, 12, 0, 5, 1, tzinfo=UTC)) == "2026-07-01T13:00:05+01:00"


def test_no_time_gives_an_empty_attribute():
    assert render(None) == ""
