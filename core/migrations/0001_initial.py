"""Notices and the site settings, taken over from home (see home's 0002),
and queued emails pointed at the task's new home."""

import django.db.models.deletion
import modelsearch.index
import wagtail.fields
from django.conf import settings
from django.db import migrations, models

MOVED_MODELS = ["notice", "sitesettings"]
EMAIL_TASK_PATHS = ("home.tasks.deliver_email", "core.email.deliver_email")


def move_content_types(apps, schema_editor, old="home", new="core"):
    """Permissions, log entries and references point at a content type: keep its id."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED_MODELS:
        if not ContentType.objects.filter(app_label=new, model=model).exists():
            ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="core", new="home")


def repoint_queued_emails(apps, schema_editor, old=EMAIL_TASK_PATHS[0], new=EMAIL_TASK_PATHS[1]):
    """Emails queued before the upgrade name the task by its old path."""
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    DBTaskResult.objects.filter(task_path=old).update(task_path=new)


def repoint_queued_emails_back(apps, schema_editor):
    repoint_queued_emails(apps, schema_editor, old=EMAIL_TASK_PATHS[1], new=EMAIL_TASK_PATHS[0])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0002_notice_and_site_settings_belong_to_core"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notice",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("title", models.CharField(max_length=120)),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("information", "Information"),
                                    ("safety", "Safety and support"),
                                    ("guidelines", "Community guidelines"),
                                ],
                                default="information",
                                max_length=20,
                            ),
                        ),
                        ("body", wagtail.fields.RichTextField()),
                        ("link_text", models.CharField(blank=True, max_length=80)),
                        (
                            "link_page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("organisation_name", models.CharField(default="City Hall", max_length=120)),
                        (
                            "respondent_noun",
                            models.CharField(
                                default="people",
                                help_text='Used in "1,622 people have responded"; for example "Londoners".',
                                max_length=40,
                            ),
                        ),
                        (
                            "respondent_noun_singular",
                            models.CharField(
                                default="person",
                                help_text='Used in "1 person has responded"; for example "Londoner".',
                                max_length=40,
                            ),
                        ),
                        (
                            "accessibility_page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "guidelines_page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "privacy_page",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                        (
                            "support_page",
                            models.ForeignKey(
                                blank=True,
                                help_text="Safeguarding and support organisations.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                    ],
                    options={"abstract": False},
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
        migrations.RunPython(repoint_queued_emails, repoint_queued_emails_back),
    ]
