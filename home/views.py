import re

from django.core.paginator import Paginator
from django.views.generic import TemplateView
from wagtail.models import Page


class SearchView(TemplateView):
    template_name = "home/search.html"
    page_size = 10
    max_query_length = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()[: self.max_query_length]
        results = Page.objects.none()
        terms = self.search_terms(query)
        if terms:
            results = Page.objects.live().public().specific().search(terms)
        context.update(
            search_query=query,
            search_results=Paginator(results, self.page_size).get_page(self.request.GET.get("page")),
        )
        return context

    @staticmethod
    def search_terms(query):
        """Plain words only: quotes, dashes and colons are operators to SQLite's
        full-text search, and a stray one made it fail."""
        return " ".join(re.findall(r"\w+", query))
