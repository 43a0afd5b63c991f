"""Builders for tests, the demo and the benchmarks (factory_boy and wagtail-factories)."""

import factory
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Site

from .models import Notice


def default_site_root():
    """The default site's root page, where a page made without a parent goes."""
    return Site.objects.get(is_default_site=True).root_page


class NoticeFactory(factory.django.DjangoModelFactory):
    title = "Staying safe"
    kind = Notice.Kind.SAFETY
    body = "<p>Do not post anything that could identify you.</p>"

    class Meta:
        model = Notice


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document in the root collection (wagtail-factories' own makes a collection each time)."""

    title = "The draft plan"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 draft plan", name="draft-plan.pdf"))

    class Meta:
        model = get_document_model()


class ImageFactory(factory.django.DjangoModelFactory):
    """A picture in the root collection, big enough for a sharing card."""

    title = factory.Sequence(lambda n: f"Residents at a meeting {n}")
    description = "Residents talking around a table"
    file = factory.django.ImageField(width=1600, height=900, color="teal")

    class Meta:
        model = get_image_model()
