from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from core.factories import default_site_root

from .models import ConsultationIndexPage, ConsultationPage, OutcomePage, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    """The consultations list under the default site's root; asking again gives the same one."""

    title = "Consultations"
    slug = "consultations"
    parent = factory.LazyFunction(default_site_root)

    class Meta:
        model = ConsultationIndexPage
        django_get_or_create = ["slug", "parent"]


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """An open consultation by default: opened a week ago, closes in five weeks.

    ``closed=True`` ended yesterday; ``upcoming=True`` opens in a week.
    """

    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "Tell us what you think of the draft plan."
    parent = factory.SubFactory(ConsultationIndexPageFactory)
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyAttribute(lambda page: page.opens_at + timedelta(days=42))

    class Meta:
        model = ConsultationPage

    class Params:
        closed = factory.Trait(
            opens_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=30)),
            closes_at=factory.LazyFunction(lambda: timezone.now() - timedelta(days=1)),
        )
        upcoming = factory.Trait(opens_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7)))


class OutcomePageFactory(wagtail_factories.PageFactory):
    """The outcome of a consultation that closed yesterday, unless given a `parent`."""

    title = "What we heard and what we will do"
    summary = "Most of you asked for safer streets at night. We will light 40 more streets by spring."
    parent = factory.SubFactory(ConsultationPageFactory, closed=True)

    class Meta:
        model = OutcomePage
