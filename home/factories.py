import factory
import wagtail_factories
from wagtail.models import Page, Site

from core.models import SiteSettings

from .models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    slug = "home-test"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Standard page {n}")

    class Meta:
        model = StandardPage


def home_site(**fields):
    """A HomePage that serves as the default site's root, with its settings, as in a real install."""
    home = HomePageFactory(**fields)
    site, _ = Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "port": 80, "root_page": home}
    )
    SiteSettings.for_site(site)
    return home
