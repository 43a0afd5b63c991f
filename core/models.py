from django.db import models
from django.utils.functional import cached_property
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from . import cache as page_cache
from .links import absolute


class BasePage(Page):
    """Fields and behaviour every public page shares."""

    introduction = models.TextField(
        blank=True,
        max_length=600,
        help_text="A sentence or two shown under the title and in listings.",
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared on social media. Leave empty for the site's default image.",
    )

    search_fields = Page.search_fields + [index.SearchField("introduction")]
    # The query string parameters that change what the page shows (a filter, a
    # page of a listing). With any other, the page is rendered but not kept in
    # the page cache.
    query_parameters = frozenset()
    promote_panels = Page.promote_panels + [FieldPanel("share_image")]

    class Meta:
        abstract = True

    def get_absolute_url(self):
        # Django's comment and redirect machinery expects this; Wagtail pages
        # only define `url`.
        return self.url

    def get_view_restrictions(self):
        """Wagtail's restrictions on this page, without a query for the many pages that have none.

        Wagtail looks for restrictions on the page, its ancestors and the
        pages they are aliases of, in two queries, twice per request. Which
        paths are restricted, and which are aliases, changes only when a
        restriction or the page tree does, which purges the site.
        """
        restricted, aliases = page_cache.remember("restricted-paths", _restricted_and_alias_paths)
        if any(self.path.startswith(path) for path in restricted + aliases):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def sharing_image(self):
        """The image of this page's sharing card, if it has one of its own (core.sharing)."""
        return self.share_image

    def structured_data(self, request):
        """schema.org data about what the page shows, as a dict for JSON-LD, or None (core.sharing)."""
        return None

    def get_sitemap_urls(self, request=None):
        # The address people reach the site at (core.links), not Wagtail's Site record.
        return [
            {"location": absolute(self), "lastmod": self.last_published_at or self.latest_revision_created_at}
        ]

    def is_personalised(self, request):
        """Whether this page's response for `request` is meant for one reader only.

        Signed-in members see their own account menu, so their pages always are.
        A page type that shows anonymous readers something of their own (a form
        with a CSRF token, say) extends this.
        """
        return request.user.is_authenticated

    def is_shareable(self, request):
        return (
            page_cache.is_enabled()
            and page_cache.is_anonymous_request(request)
            and not self.is_personalised(request)
            and page_cache.has_only_parameters(request, self.query_parameters)
            and not self.get_view_restrictions().exists()
        )

    def serve(self, request, *args, **kwargs):
        return self.serve_through_page_cache(request, super().serve, *args, **kwargs)

    def serve_through_page_cache(self, request, serve, *args, **kwargs):
        shareable = self.is_shareable(request)
        if shareable:
            page_cache.mark_shareable(request, self)
        response = serve(request, *args, **kwargs)
        if shareable:
            page_cache.set_public_cache_headers(response)
        else:
            page_cache.set_private_cache_headers(response)
        return response


def _restricted_and_alias_paths():
    restricted = PageViewRestriction.objects.values_list("page__path", flat=True)
    aliases = Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)
    return list(restricted), list(aliases)


class RoutableBasePage(RoutablePageMixin, BasePage):
    """A BasePage with sub-routes (a feed, a download).

    Wagtail's routable pages call the route's view directly rather than
    BasePage.serve, so every route is sent through the page cache here.
    """

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        return self.serve_through_page_cache(request, super().serve, *args, **kwargs)


@register_snippet
class Notice(index.Indexed, models.Model):
    """A reusable notice, such as "Staying safe" or the community guidelines."""

    class Kind(models.TextChoices):
        INFORMATION = "information", "Information"
        SAFETY = "safety", "Safety and support"
        GUIDELINES = "guidelines", "Community guidelines"

    title = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INFORMATION)
    body = RichTextField(features=["bold", "italic", "link", "ul"])
    link_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_text = models.CharField(max_length=80, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("body"),
        MultiFieldPanel([PageChooserPanel("link_page"), FieldPanel("link_text")], heading="Link"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    def __str__(self):
        return self.title


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Who runs the site, and the pages the footer and notices point to."""

    organisation_name = models.CharField(max_length=120, default="City Hall")
    respondent_noun = models.CharField(
        max_length=40,
        default="people",
        help_text='Used in "1,622 people have responded"; for example "Londoners".',
    )
    respondent_noun_singular = models.CharField(
        max_length=40,
        default="person",
        help_text='Used in "1 person has responded"; for example "Londoner".',
    )
    guidelines_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    support_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Safeguarding and support organisations.",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Default share image",
        help_text="Shown when a page without an image of its own is shared on social media.",
    )

    open_data_licence = models.CharField(
        max_length=120,
        default="Open Government Licence v3.0",
        help_text="The licence of closed consultations' open data (comments, survey results).",
    )
    open_data_licence_url = models.URLField(
        default="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        verbose_name="Open data licence address",
    )

    select_related = ["guidelines_page", "support_page", "privacy_page", "accessibility_page", "share_image"]

    panels = [
        FieldPanel("organisation_name"),
        FieldRowPanel([FieldPanel("respondent_noun_singular"), FieldPanel("respondent_noun")]),
        MultiFieldPanel(
            [
                PageChooserPanel("guidelines_page"),
                PageChooserPanel("support_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
            ],
            heading="Footer pages",
        ),
        FieldPanel("share_image"),
        MultiFieldPanel(
            [FieldPanel("open_data_licence"), FieldPanel("open_data_licence_url")], heading="Open data"
        ),
    ]

    @classmethod
    def for_site(cls, site):
        # Every page shows them; kept, footer links and all, until the
        # settings or a page changes.
        def load():
            site_settings = super(SiteSettings, cls).for_site(site)
            site_settings.footer_links = site_settings.live_footer_pages()
            return site_settings

        if site is None:
            return super().for_site(site)
        return page_cache.remember(f"site-settings:{site.pk}", load)

    def live_footer_pages(self):
        pages = [self.guidelines_page, self.support_page, self.privacy_page, self.accessibility_page]
        return [page for page in pages if page and page.live]

    @cached_property
    def footer_links(self):
        return self.live_footer_pages()
