"""What a database holds, in terms that survive the move of notices and site
settings from home to core. tests/test_upgrade.py runs this inside both the old
and the new code (`manage.py shell -c`), so it uses only what both have."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

MOVED = {"home.notice": "core.notice", "home.sitesettings": "core.sitesettings"}


def label(model_label):
    return MOVED.get(model_label, model_label)


def model(moved_label):
    for old, new in MOVED.items():
        if moved_label == new and not apps.is_installed("core"):
            moved_label = old
    return apps.get_model(moved_label)


def rows(model_label, *fields):
    return sorted(list(row) for row in model(model_label).objects.values_list(*fields))


def snapshot():
    return {
        "counts": {label(m._meta.label_lower): m.objects.count() for m in apps.get_models()},
        "content_types": sorted(
            label(f"{app}.{name}") for app, name in ContentType.objects.values_list("app_label", "model")
        ),
        "group_permissions": sorted(
            [group.name, label(f"{p.content_type.app_label}.{p.content_type.model}"), p.codename]
            for group in Group.objects.all()
            for p in group.permissions.select_related("content_type")
        ),
        "permissions": sorted(
            [label(f"{app}.{name}"), codename]
            for app, name, codename in Permission.objects.values_list(
                "content_type__app_label", "content_type__model", "codename"
            )
        ),
        "pages": sorted(
            [path, title, live, label(f"{app}.{name}")]
            for path, title, live, app, name in Page.objects.values_list(
                "path", "title", "live", "content_type__app_label", "content_type__model"
            )
        ),
        "notices": rows("core.notice", "pk", "title", "kind", "body", "link_page_id", "link_text"),
        "site_settings": rows(
            "core.sitesettings", "pk", "site_id", "organisation_name", "respondent_noun", "guidelines_page_id"
        ),
        # The stored blocks, not their rendering, which the templates change.
        "consultation_bodies": sorted(
            [page.pk, list(page.body.raw_data), page.offline_response_count]
            for page in model("consultations.consultationpage").objects.all()
        ),
        "comments": rows(
            "django_comments_xtd.xtdcomment",
            "pk",
            "comment",
            "is_public",
            "is_removed",
            "parent_id",
            "thread_id",
        ),
        "registrations": rows("events.eventregistration", "pk", "event_id", "user_id", "status"),
        "survey_answers": rows("surveys.surveyresponse", "pk", "page_id", "form_data", "area"),
        "email_tasks": sorted(
            list(row)
            for row in model("django_tasks_database.dbtaskresult")
            .objects.filter(task_path__endswith=".deliver_email")
            .values_list("task_path", "status")
        ),
    }
