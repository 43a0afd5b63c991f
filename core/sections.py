"""Parts of a page that other apps contribute, through a Wagtail hook.

A lower app's page (My account in accounts, a consultation in consultations)
shows parts that belong to apps above it (comments, event places, surveys)
without importing them: each of those apps registers a ``Section`` under the
page's hook, and the page renders whatever is registered::

    @hooks.register("register_account_section")
    def my_comments():
        return Section("discussions/includes/my_comments.html", my_comments_context, order=10)

``get_context(request, *args)`` returns the section template's context, or
None when the section has nothing to show.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from wagtail import hooks


@dataclass(frozen=True)
class Section:
    template_name: str
    get_context: Callable[..., dict | None]
    order: int = 100
    slot: str = ""

    def render(self, request, *args):
        context = self.get_context(request, *args)
        if context is None:
            return ""
        return render_to_string(self.template_name, context, request=request)


def render_sections(hook_name, request, *args, slot=""):
    """The rendered sections registered under `hook_name` for `slot`, in order, empty ones left out."""
    sections = sorted((register() for register in hooks.get_hooks(hook_name)), key=lambda s: s.order)
    rendered = (section.render(request, *args) for section in sections if section.slot == slot)
    return [html for html in rendered if html.strip()]
