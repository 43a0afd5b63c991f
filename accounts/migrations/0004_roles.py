"""The staff roles in DESIGN.md, as Django groups with their Wagtail permissions.

Wagtail's own migrations create "Editors" and "Moderators" groups that both edit
pages, and make Moderators approve pages in the default workflow. Here Moderators
look after comments, so they lose page, image and document rights, and Publishers
approve pages instead. Other apps add their own permissions to these groups
(Moderators, Event organisers) in their own migrations.
"""

from django.db import migrations

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Publishers": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
MEDIA_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    # Permissions are normally made after migrations run; a fresh database needs them now.
    return Permission.objects.get_or_create(
        content_type=content_type,
        codename=codename,
        defaults={"name": codename.replace("_", " ").capitalize()},
    )[0]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")

    access_admin = permission(apps, "wagtailadmin", "admin", "access_admin")
    groups = {
        name: Group.objects.get_or_create(name=name)[0]
        for name in ["Editors", "Publishers", "Moderators", "Event organisers"]
    }
    for group in groups.values():
        group.permissions.add(access_admin)

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    model_for = {"wagtailimages": "image", "wagtaildocs": "document"}
    media_permissions = [
        permission(apps, app_label, model_for[app_label], codename)
        for app_label, codenames in MEDIA_PERMISSIONS.items()
        for codename in codenames
    ]

    for name, codenames in PAGE_PERMISSIONS.items():
        group = groups[name]
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission(apps, "wagtailcore", "page", codename)
            )
        for media_permission in media_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=media_permission
            )

    moderators = groups["Moderators"]
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    moderators.permissions.remove(
        *moderators.permissions.filter(content_type__app_label__in=list(MEDIA_PERMISSIONS))
    )

    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
        task.groups.add(groups["Publishers"])
        if task.name == "Moderators approval":
            task.name = "Publishers approval"
            task.save(update_fields=["name"])
    Workflow.objects.filter(name="Moderators approval").update(name="Publishers approval")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_profile_area_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        # After Wagtail's own migrations, which create and fill the default groups.
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
