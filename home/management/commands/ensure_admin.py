import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from core.links import absolute


class Command(BaseCommand):
    help = (
        "Make sure an 'admin' superuser exists and print how to sign in. The password comes "
        "from ADMIN_PASSWORD or, on first run, is generated and kept in .admin-password."
    )

    username = "admin"

    def handle(self, *args, **options):
        password_file = settings.BASE_DIR / ".admin-password"
        User = get_user_model()
        user = User.objects.filter(username=self.username).first()
        password = os.environ.get("ADMIN_PASSWORD")

        if user is None:
            if not password:
                password = secrets.token_urlsafe(12)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
            User.objects.create_superuser(self.username, "admin@example.org", password)
        elif password:
            if not user.check_password(password):
                user.set_password(password)
                user.save(update_fields=["password"])
        elif password_file.exists():
            password = password_file.read_text().strip()

        admin_url = absolute("/admin/")
        self.stdout.write(self.style.SUCCESS(f"Admin: {admin_url}  username: {self.username}"))
        if password:
            self.stdout.write(self.style.SUCCESS(f"       password: {password}"))
        else:
            self.stdout.write("       password unchanged; run with ADMIN_PASSWORD=... to set a new one")
