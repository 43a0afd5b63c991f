from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.dashboard import DashboardPanel

from .models import ConsultationPage

DASHBOARD_CONSULTATIONS = 10


def open_consultations():
    """The open consultations closing soonest, each with its response count, in one query."""
    consultations = (
        ConsultationPage.objects.live()
        .open()
        .with_response_counts()
        .order_by("closes_at")[:DASHBOARD_CONSULTATIONS]
    )
    return {"consultations": list(consultations)}


@hooks.register("construct_homepage_panels")
def open_consultations_panel(request, panels):
    # For the people who write and publish pages, not moderators or organisers.
    if PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"]):
        panels.append(
            DashboardPanel(
                "open-consultations",
                "Open consultations",
                "consultations/admin/dashboard.html",
                open_consultations,
                order=20,
            )
        )
