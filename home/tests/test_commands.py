import io

from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from consultations.models import ConsultationPage, ConsultationStatus


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live")),
        "revisions": Revision.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
    }


def test_demo_content_loads_a_realistic_site(demo_site):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    assert not Page.objects.filter(title="Welcome to your new Wagtail site!").exists()
    statuses = {page.status for page in ConsultationPage.objects.live()}
    assert statuses == {ConsultationStatus.OPEN, ConsultationStatus.CLOSED, ConsultationStatus.UPCOMING}
    open_consultation = ConsultationPage.objects.open().get()
    block_types = {block.block_type for block in open_consultation.body}
    assert {"questions", "key_commitments", "timeline", "document_link", "notice"} <= block_types
    timeline = next(block for block in open_consultation.body if block.block_type == "timeline")
    assert len(timeline.value["stages"]) == 5


def test_demo_content_loads_idempotently(demo_site):
    before = snapshot()
    call_command("load_demo_content", stdout=io.StringIO())
    assert snapshot() == before


def test_demo_pages_all_render(client, demo_site):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_ensure_admin_generates_a_password_once_and_remembers_it(db, settings, tmp_path, monkeypatch):
    settings.BASE_DIR = tmp_path
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    first, second = io.StringIO(), io.StringIO()
    call_command("ensure_admin", stdout=first)
    call_command("ensure_admin", stdout=second)
    password = (tmp_path / ".admin-password").read_text().strip()
    assert f"password: {password}" in first.getvalue()
    assert f"password: {password}" in second.getvalue()
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(password)


def test_ensure_admin_takes_the_password_from_the_environment(db, settings, tmp_path, monkeypatch):
    settings.BASE_DIR = tmp_path
    monkeypatch.setenv("ADMIN_PASSWORD", "a-long-chosen-password")
    call_command("ensure_admin", stdout=io.StringIO())
    monkeypatch.setenv("ADMIN_PASSWORD", "changed-my-mind-password")
    call_command("ensure_admin", stdout=io.StringIO())
    assert get_user_model().objects.get(username="admin").check_password("changed-my-mind-password")
    assert not (tmp_path / ".admin-password").exists()
