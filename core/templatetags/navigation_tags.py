from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_items": []}
    current = context.get("page")
    current_path = current.path if current else ""
    menu_items = [
        {
            "page": page,
            "is_current": current_path.startswith(page.path),
            "is_exact": current_path == page.path,
        }
        for page in site.root_page.get_children().live().public().in_menu()
    ]
    return {"menu_items": menu_items, "request": request}


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context["page"]
    # Depth 1 is Wagtail's invisible root; depth 2 is the home page.
    ancestors = page.get_ancestors().filter(depth__gt=1).live() if page.depth > 2 else []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
