from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url(context, number, param="", fragment=""):
    """This page's address with `param` ("page" unless given) set to `number`, other parameters kept."""
    query = context["request"].GET.copy()
    query[param or "page"] = number
    return f"?{query.urlencode()}" + (f"#{fragment}" if fragment else "")
