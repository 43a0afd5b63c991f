"""The pieces every listing shares: its filters and its page links."""

import django_filters
import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from wagtail.models import Page

from core.filters import ListingFilters

pytestmark = pytest.mark.django_db


class PageFilters(ListingFilters):
    live = django_filters.ChoiceFilter(
        label="Live", choices=[("1", "Live"), ("0", "Draft")], empty_label="All"
    )

    class Meta(ListingFilters.Meta):
        model = Page
        fields = []


def test_filters_apply_known_values_and_ignore_the_rest():
    pages = Page.objects.all()
    assert PageFilters({"live": "1"}, queryset=pages).is_filtered
    assert PageFilters({"live": "1"}, queryset=pages).qs.count() == pages.filter(live=True).count()
    nonsense = PageFilters({"live": "<script>", "page": "2"}, queryset=pages)
    assert list(nonsense.qs) == list(pages) and not nonsense.is_filtered


def test_filter_fields_have_ids_of_their_own():
    form = PageFilters({}, queryset=Page.objects.all()).form
    assert form["live"].id_for_label == "filter-live"


def render_pagination(url, items, **options):
    request = RequestFactory().get(url)
    return render_to_string("core/includes/pagination.html", {"items": items, **options}, request=request)


def test_page_links_keep_the_other_parameters_and_say_where_they_are():
    items = Paginator(range(30), 10).get_page(2)
    html = render_pagination("/consultations/?status=open&page=2", items)
    assert 'href="?status=open&amp;page=1"' in html and 'href="?status=open&amp;page=3"' in html
    assert "Page 2 of 3" in html and 'aria-label="Pages"' in html


def test_a_second_listing_on_the_page_pages_with_its_own_parameter_and_lands_on_its_heading():
    items = Paginator(range(30), 10).get_page(1)
    html = render_pagination(
        "/events/?page=2", items, param="past_page", label="Past events pages", fragment="past-heading"
    )
    assert 'href="?page=2&amp;past_page=2#past-heading"' in html
    assert "Previous page" not in html and 'aria-label="Past events pages"' in html


def test_a_single_page_needs_no_links():
    assert render_pagination("/", Paginator(range(3), 10).get_page(1)).strip() == ""
