"""Events and registrations for tests, the demo and the benchmarks."""

from datetime import datetime, time, timedelta

import factory
import wagtail_factories
from django.utils import timezone

from accounts.factories import MemberFactory
from core.demo import rich_text
from core.factories import default_site_root

from .models import EventFormat, EventIndexPage, EventPage, EventRegistration, RegistrationStatus


def evening(days_ahead):
    """6pm, local time, `days_ahead` days from today."""
    day = timezone.localdate() + timedelta(days=days_ahead)
    return timezone.make_aware(datetime.combine(day, time(18)))


class EventIndexPageFactory(wagtail_factories.PageFactory):
    """The events list under the default site's root; asking again gives the same one."""

    title = "Events"
    slug = "events"
    parent = factory.LazyFunction(default_site_root)

    class Meta:
        model = EventIndexPage
        django_get_or_create = ["slug", "parent"]


class EventPageFactory(wagtail_factories.PageFactory):
    """An in-person evening meeting four days from now, with 50 places."""

    title = factory.Sequence(lambda n: f"Community meeting {n}")
    introduction = "Talk to us about the draft plan."
    starts_at = factory.LazyFunction(lambda: evening(days_ahead=4))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timedelta(hours=2))
    format = EventFormat.IN_PERSON
    venue = "Northside Library"
    address = "22 High Street\nLondon"
    capacity = 50
    description = factory.LazyFunction(lambda: rich_text("A meeting with the team who wrote the plan."))
    accessibility = "Step-free access throughout."
    parent = factory.SubFactory(EventIndexPageFactory)

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    @factory.post_generation
    def organisers(self, create, people, **kwargs):
        """`organisers=[user, ...]`: the event organisers who see its registrations."""
        if create and people:
            self.organisers.set(people)
            self.save()


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed place, made directly: events.registration.register() is the way members get one."""

    event = factory.SubFactory(EventPageFactory)
    user = factory.SubFactory(MemberFactory)
    status = RegistrationStatus.CONFIRMED

    class Meta:
        model = EventRegistration
