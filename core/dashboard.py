"""Panels an app adds to the admin's dashboard, through Wagtail's construct_homepage_panels hook::

    @hooks.register("construct_homepage_panels")
    def moderation_panel(request, panels):
        if request.user.has_perm(MODERATE_PERMISSION):
            panels.append(DashboardPanel("moderation", "Moderation", "discussions/admin/panel.html", waiting))

`get_context()` runs only when the panel is drawn; a panel whose context is
None is left out, so an empty panel never shows.
"""

from django.template.loader import render_to_string
from wagtail.admin.ui.components import Component


class DashboardPanel(Component):
    def __init__(self, panel_id, heading, template_name, get_context, order=50):
        self.panel_id = panel_id
        self.heading = heading
        self.template_name = template_name
        self.get_context = get_context
        self.order = order

    def render_html(self, parent_context=None):
        context = self.get_context()
        if context is None:
            return ""
        return render_to_string(
            "core/admin/dashboard_panel.html",
            {
                **context,
                "panel_id": self.panel_id,
                "heading": self.heading,
                "body_template": self.template_name,
            },
        )
