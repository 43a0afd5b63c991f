from django.core.management.base import BaseCommand

from events.reminders import send_reminders


class Command(BaseCommand):
    help = (
        "Email everyone with a place at an event that starts within a day. "
        "Run it hourly; it reminds each person once."
    )

    def handle(self, *args, **options):
        sent = send_reminders()
        self.stdout.write(f"Queued {sent} reminder{'' if sent == 1 else 's'}.")
