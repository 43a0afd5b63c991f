from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import MODERATE_PERMISSION, ModerationLogView, ModerationQueueView


@hooks.register("register_admin_urls")
def register_moderation_urls():
    return [
        path("moderation/", ModerationQueueView.as_view(), name="discussions_moderation_queue"),
        path("moderation/log/", ModerationLogView.as_view(), name="discussions_moderation_log"),
    ]


class ModeratorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(MODERATE_PERMISSION)


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    return ModeratorMenuItem(
        "Moderation", reverse("discussions_moderation_queue"), icon_name="comment", order=250
    )
