import io

from django.contrib.auth import get_user_model
from django.core.management import call_command


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
