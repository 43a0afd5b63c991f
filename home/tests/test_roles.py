"""The role matrix, both ways, through the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, Page, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage, StandardPage

User = get_user_model()
ROLES = ["Editors", "Publishers", "Moderators", "Event organisers"]


@pytest.fixture
def draft_page(db):
    home = HomePage.objects.first() or Page.objects.get(depth=1).add_child(
        instance=HomePage(title="Home", slug="home-for-roles")
    )
    page = home.add_child(instance=StandardPage(title="Parking plans", slug="parking-plans", live=False))
    page.save_revision()
    return page


@pytest.fixture
def user_in(db):
    def make(role=None):
        user = User.objects.create_user(username=(role or "member").lower().replace(" ", "-"), password="x")
        if role:
            user.groups.add(Group.objects.get(name=role))
        return user

    return make


def edit(client, page, action=None, title="Parking plans, revised"):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "introduction": "",
            "body": streamfield([]),
            "comments": inline_formset([]),
        }
    )
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_the_migration_creates_every_role_with_admin_access(db):
    for role in ROLES:
        group = Group.objects.get(name=role)
        assert group.permissions.filter(
            codename="access_admin", content_type__app_label="wagtailadmin"
        ).exists()


def test_publishers_not_moderators_approve_pages(db):
    [task] = GroupApprovalTask.objects.all()
    assert [group.name for group in task.groups.all()] == ["Publishers"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_can_open_the_admin(client, user_in, role):
    client.force_login(user_in(role))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_members_have_no_admin_access(client, user_in):
    client.force_login(user_in())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_an_editor_edits_and_submits_for_moderation_but_cannot_publish(client, user_in, draft_page):
    client.force_login(user_in("Editors"))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft_page.pk])).status_code == 200

    edit(client, draft_page, "action-publish")
    draft_page.refresh_from_db()
    assert not draft_page.live
    assert draft_page.get_latest_revision().content["title"] == "Parking plans, revised"

    edit(client, draft_page, "action-submit")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(draft_page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    draft_page.refresh_from_db()
    assert not draft_page.live

    page_perms = draft_page.permissions_for_user(User.objects.get(username="editors"))
    assert page_perms.can_add_subpage() and page_perms.can_edit() and not page_perms.can_publish()


def test_a_publisher_publishes(client, user_in, draft_page):
    client.force_login(user_in("Publishers"))
    edit(client, draft_page, "action-publish")
    draft_page.refresh_from_db()
    assert draft_page.live
    assert draft_page.title == "Parking plans, revised"


@pytest.mark.parametrize("role", ["Moderators", "Event organisers"])
def test_moderators_and_organisers_cannot_edit_pages(client, user_in, draft_page, role):
    client.force_login(user_in(role))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft_page.pk])).status_code in (302, 403)
    edit(client, draft_page, "action-publish")
    draft_page.refresh_from_db()
    assert draft_page.get_latest_revision().content["title"] == "Parking plans"
    assert not draft_page.live
    assert client.get(reverse("wagtailadmin_pages:add_subpage", args=[draft_page.pk])).status_code in (
        302,
        403,
    )


@pytest.mark.parametrize("role", ["Moderators", "Event organisers"])
def test_moderators_and_organisers_cannot_manage_images_or_documents(client, user_in, role):
    client.force_login(user_in(role))
    assert client.get(reverse("wagtailimages:add")).status_code in (302, 403)
    assert client.get(reverse("wagtaildocs:add")).status_code in (302, 403)


def test_editors_can_upload_images(client, user_in):
    client.force_login(user_in("Editors"))
    assert client.get(reverse("wagtailimages:add")).status_code == 200


def test_the_admin_calls_no_outside_service(client, make_member, home_page):
    """No release check and no Gravatar: a public body's admin tells no one who is using it."""
    user = make_member()
    user.is_superuser = user.is_staff = True
    user.save()
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-controller="w-upgrade' not in html  # the panel whose script asks for the latest release
    assert "gravatar.com" not in html
