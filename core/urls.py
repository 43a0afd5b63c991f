"""Wagtail's front-end URLs, serving pages through core.routing."""

from django.urls import re_path
from wagtail import urls as wagtail_urls

from .routing import serve

urlpatterns = [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"] + [
    re_path(wagtail_urls.serve_pattern, serve, name="wagtail_serve"),
]
