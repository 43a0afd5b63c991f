from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from consultations.models import ConsultationIndexPage, ConsultationPage
from core.blocks import BaseStreamBlock
from core.models import BasePage
from events.models import EventIndexPage, EventPage


class HomePage(BasePage):
    hero_heading = models.CharField(
        max_length=120, default="Have your say on the decisions that shape your city"
    )
    join_heading = models.CharField(max_length=120, default="Join the conversation")
    join_text = models.TextField(
        blank=True,
        max_length=400,
        help_text="Why a resident should create an account.",
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("hero_heading"),
        FieldPanel("introduction"),
        MultiFieldPanel([FieldPanel("join_heading"), FieldPanel("join_text")], heading="Call to join"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["consultations.ConsultationIndexPage", "events.EventIndexPage", "home.StandardPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured_consultations"] = ConsultationPage.objects.descendant_of(self).featured()[:6]
        context["consultation_index"] = ConsultationIndexPage.objects.child_of(self).live().first()
        context["upcoming_events"] = (
            EventPage.objects.descendant_of(self)
            .live()
            .public()
            .defer_streamfields()
            .with_counts()
            .upcoming()
            .select_related("consultation")
            .order_by("starts_at")[:3]
        )
        context["event_index"] = EventIndexPage.objects.child_of(self).live().first()
        return context


class StandardPage(BasePage):
    """Community guidelines, support, about, privacy, accessibility and the like."""

    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    api_fields = [APIField("introduction"), APIField("body")]
