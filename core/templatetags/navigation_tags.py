from django import template

from core.cache import remember
from core.routing import site_for_request

register = template.Library()


@register.inclusion_tag("core/includes/main_menu.html", takes_context=True)
def main_menu(context):
    request = context.get("request")
    site = site_for_request(request) if request else None
    if site is None:
        return {"menu_items": []}
    current = context.get("page")
    current_path = current.path if current else ""
    menu_pages = remember(
        f"menu:{site.pk}", lambda: list(site.root_page.get_children().live().public().in_menu())
    )
    menu_items = [
        {
            "page": page,
            "is_current": current_path.startswith(page.path),
            "is_exact": current_path == page.path,
        }
        for page in menu_pages
    ]
    return {"menu_items": menu_items, "request": request}


@register.inclusion_tag("core/includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context["page"]
    # Depth 1 is Wagtail's invisible root; depth 2 is the home page.
    if page.depth > 2:
        ancestors = remember(
            f"ancestors:{page.path}", lambda: list(page.get_ancestors().filter(depth__gt=1).live())
        )
    else:
        ancestors = []
    return {"ancestors": ancestors, "page": page, "request": context.get("request")}
