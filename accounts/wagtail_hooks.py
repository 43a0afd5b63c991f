from django.db.models import Q
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .models import Profile


class HostPermissionPolicy(ModelPermissionPolicy):
    """Profiles come and go with their users, so here they are only ever edited."""

    def user_has_permission(self, user, action):
        return action not in {"add", "delete"} and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Profile, HostPermissionPolicy(Profile))


class StaffProfileIndexView(IndexView):
    def get_base_queryset(self):
        # Only people with a role in the admin can be hosts; residents are not listed.
        staff = Q(user__is_superuser=True) | Q(user__is_staff=True) | Q(user__groups__isnull=False)
        return super().get_base_queryset().filter(staff).select_related("user").distinct()


class HostViewSet(ModelViewSet):
    model = Profile
    index_view_class = StaffProfileIndexView
    menu_label = "Hosts"
    icon = "user"
    add_to_settings_menu = True
    copy_view_enabled = False
    list_display = [
        "user",
        Column("display_name", label="Appears as"),
        BooleanColumn("is_host", label="Host"),
        Column("host_organisation", label="Organisation"),
    ]
    list_filter = ["is_host"]
    search_fields = [
        "host_name",
        "host_organisation",
        "user__username",
        "user__first_name",
        "user__last_name",
    ]
    panels = [
        HelpPanel(
            content="A host takes part in discussions under their own name, with an official badge. "
            "Everyone else appears under their pseudonym."
        ),
        FieldPanel("is_host"),
        FieldPanel("host_name"),
        FieldPanel("host_organisation"),
    ]


@hooks.register("register_admin_viewset")
def register_host_viewset():
    return HostViewSet("hosts")
