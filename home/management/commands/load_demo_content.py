from django.core.management.base import BaseCommand
from django.db import transaction

from consultations import alerts
from consultations import demo as consultations_demo
from discussions import demo as discussions_demo
from events import demo as events_demo
from home import demo as home_demo
from surveys import demo as surveys_demo


class Command(BaseCommand):
    help = "Load the demo site: pages, consultations and their content. Safe to run again."

    def handle(self, *args, **options):
        # Building the demo is not news: its stages and events are not announced
        # to the members it makes follow them. Its outcome is (make run prints the email).
        with transaction.atomic(), alerts.updates_held_back():
            site = home_demo.load()
            consultations = consultations_demo.load(site)
            surveys_demo.load(consultations["consultation"])
            discussions_demo.load(consultations["consultation"])
            events = events_demo.load(site, consultations)
            closed = consultations["closed_consultation"]
            if closed is not None:
                quoted_comments = discussions_demo.load_closed(closed)
                events_demo.load_closed(events["index"], closed)
                consultations_demo.load_outcome(closed, quoted_comments)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
