import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from .models import HomePage, Notice, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home-test"

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")

    class Meta:
        model = StandardPage


class NoticeFactory(factory.django.DjangoModelFactory):
    title = "Staying safe"
    kind = Notice.Kind.SAFETY
    body = "<p>Do not post anything that could identify you.</p>"

    class Meta:
        model = Notice


class DocumentFactory(factory.django.DjangoModelFactory):
    title = "The draft plan"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 draft plan", name="draft-plan.pdf"))

    class Meta:
        model = get_document_model()


def make_home_page():
    """A HomePage that serves as the default site's root, as in a real install."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    return home
