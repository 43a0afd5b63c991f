from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_css")
def staff_screens_css():
    """Layout for the staff screens the apps add to the admin (moderation queue, event tools)."""
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))
