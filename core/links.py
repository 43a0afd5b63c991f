"""Absolute links, for everything read away from the site: emails, calendar
files, feeds, sharing cards.

They all start from one setting, SITE_BASE_URL, the address people reach the
site at: `make run` sets it to the address it serves on, production reads it
from the environment (docs/deployment.md). Wagtail's Site records, which
routing uses, never decide what goes in an email.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.http import url_has_allowed_host_and_scheme


def base_url():
    return settings.SITE_BASE_URL.rstrip("/")


def site_domain():
    """The host name links use, such as "hub.example.org" (for calendar UIDs)."""
    return urlsplit(base_url()).hostname or "localhost"


def absolute(location):
    """`location` (a path, or a page) as a full address on the site."""
    path = location if isinstance(location, str) else location.get_url_parts()[2]
    return base_url() + path


def return_address(request):
    """Where a form came from (its `next`), such as My account, if that is on this site; else ""."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""
