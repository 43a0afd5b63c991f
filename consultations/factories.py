from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from .models import ConsultationIndexPage, ConsultationPage, Topic


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")

    class Meta:
        model = Topic


class ConsultationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Consultations"
    slug = "consultations"

    class Meta:
        model = ConsultationIndexPage


class ConsultationPageFactory(wagtail_factories.PageFactory):
    """An open consultation by default: opened a week ago, closes in five weeks."""

    title = factory.Sequence(lambda n: f"Consultation {n}")
    summary = "Tell us what you think of the draft plan."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyAttribute(lambda page: page.opens_at + timedelta(days=42))

    class Meta:
        model = ConsultationPage
