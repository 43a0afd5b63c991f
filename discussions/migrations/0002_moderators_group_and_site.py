from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations

MODERATOR_PERMISSIONS = [
    ("discussions", "moderate_comments"),
    ("wagtailadmin", "access_admin"),
    ("discussions", "add_blockedterm"),
    ("discussions", "change_blockedterm"),
    ("discussions", "delete_blockedterm"),
    ("discussions", "view_blockedterm"),
]


def give_moderators_their_permissions(apps, schema_editor):
    # Permissions are normally made after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, codename in MODERATOR_PERMISSIONS:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission:
            moderators.permissions.add(permission)


def name_the_django_site(apps, schema_editor):
    """django.contrib.sites says example.com until told otherwise; comment links use it."""
    Site = apps.get_model("sites", "Site")
    domain = urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc or "localhost"
    Site.objects.update_or_create(pk=settings.SITE_ID, defaults={"domain": domain, "name": "Engagement Hub"})


class Migration(migrations.Migration):
    dependencies = [
        ("discussions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("sites", "0002_alter_domain_unique"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.RunPython(give_moderators_their_permissions, migrations.RunPython.noop),
        migrations.RunPython(name_the_django_site, migrations.RunPython.noop),
    ]
