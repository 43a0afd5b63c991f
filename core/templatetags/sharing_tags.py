from django import template

from core import sharing
from core.models import SiteSettings

register = template.Library()


@register.inclusion_tag("core/includes/sharing.html", takes_context=True)
def sharing_card(context):
    request = context.get("request")
    if request is None:
        return {}
    site_settings = SiteSettings.for_request(request)
    return {"card": sharing.card(request, context.get("page"), site_settings)}


@register.filter
def description(page):
    """The page's description for search engines and sharing cards ("" outside the page tree)."""
    return sharing.description_of(page) if hasattr(page, "sharing_image") else ""
