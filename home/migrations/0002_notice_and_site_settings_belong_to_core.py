"""Notices and the site settings move to core, the layer every app stands on.

Their tables are renamed, not copied, so existing rows (and their ids, which
StreamField notice blocks store) stay as they are; core's first migration
takes the models over in Django's state.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("Notice", "core_notice"),
                migrations.AlterModelTable("SiteSettings", "core_sitesettings"),
            ],
            state_operations=[
                migrations.DeleteModel("Notice"),
                migrations.DeleteModel("SiteSettings"),
            ],
        ),
    ]
