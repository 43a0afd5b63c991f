from django.core.management.base import BaseCommand

from discussions.notifications import send_moderation_digest


class Command(BaseCommand):
    help = "Queue the moderators' email digest of new queue items. Run it from cron, say hourly."

    def handle(self, *args, **options):
        send_moderation_digest.enqueue()
        self.stdout.write("Queued the moderation digest.")
