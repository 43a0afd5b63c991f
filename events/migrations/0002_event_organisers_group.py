from django.db import migrations

ORGANISER_PERMISSIONS = [
    ("events", "eventregistration", ["view_eventregistration", "change_eventregistration"]),
    ("events", "eventpage", ["cancel_event"]),
    ("wagtailadmin", "admin", ["access_admin"]),
]


def give_organisers_their_permissions(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations have run; this
    # migration needs the events ones now.
    create_permissions(global_apps.get_app_config("events"), apps=apps, verbosity=0)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    organisers, _ = Group.objects.get_or_create(name="Event organisers")
    for app_label, model, codenames in ORGANISER_PERMISSIONS:
        organisers.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename__in=codenames
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(give_organisers_their_permissions, migrations.RunPython.noop)]
