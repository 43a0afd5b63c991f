"""StreamField blocks shared by every page type."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from .models import Notice

# Headings inside rich text start at h2: the page title is the only h1.
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def first_document():
    return get_document_model().objects.order_by("pk").first()


def first_image():
    return get_image_model().objects.order_by("pk").first()


def document_link_preview():
    return {"document": first_document(), "link_text": "Read the draft plan", "description": "PDF"}


def captioned_image_preview():
    image = {"image": first_image(), "alt_text": "A preview image", "decorative": False}
    return {"image": image, "caption": "A caption describes the image in context."}


def first_notice():
    return Notice.objects.order_by("pk").first()


class LinkValue(blocks.StructValue):
    def url(self):
        if self.get("page"):
            return self["page"].url
        if self.get("document"):
            return self["document"].url
        return self.get("external_url") or ""

    def text(self):
        if self.get("link_text"):
            return self["link_text"]
        if self.get("page"):
            return self["page"].title
        if self.get("document"):
            return self["document"].title
        return self.get("external_url") or ""


class LinkBlock(blocks.StructBlock):
    """A link to exactly one of a page, a document or a web address."""

    link_text = blocks.CharBlock(required=False, max_length=80)
    page = blocks.PageChooserBlock(required=False)
    document = DocumentChooserBlock(required=False)
    external_url = blocks.URLBlock(required=False, label="Web address")

    def __init__(self, *args, required=True, **kwargs):
        self._link_required = required
        super().__init__(*args, required=required, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        targets = [name for name in ("page", "document", "external_url") if value.get(name)]
        if len(targets) > 1:
            message = "Choose one of a page, a document or a web address, not several."
            raise blocks.StructBlockValidationError(
                {name: ErrorList([ValidationError(message)]) for name in targets}
            )
        if not targets and self._link_required:
            raise blocks.StructBlockValidationError(
                {"page": ErrorList([ValidationError("Choose a page, a document or a web address.")])}
            )
        return value

    class Meta:
        icon = "link"
        value_class = LinkValue
        form_classname = "link-block"
        template = "blocks/link.html"
        description = "A link to a page, a document or a web address"
        preview_value = {"link_text": "Find out more", "external_url": "https://example.org"}


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"
        description = "A highlighted panel that asks readers to do one thing"
        preview_value = {
            "heading": "Have your say",
            "text": "Tell us what you think of the draft plan before 12 February.",
            "link": {"link_text": "Join the discussion", "external_url": "https://example.org"},
        }


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    link_text = blocks.CharBlock(max_length=80, help_text='For example "Read the draft plan"')
    description = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_link.html"
        description = "A prominent link to download a document, such as the draft plan"
        preview_value = document_link_preview


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"
        description = "An image with alternative text and an optional caption"
        preview_value = captioned_image_preview


class NoticeChooserBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__(Notice, **kwargs)

    class Meta:
        icon = "warning"
        template = "blocks/notice.html"
        description = 'A reusable notice, such as "Staying safe" or the community guidelines'
        preview_value = first_notice


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/rich_text.html"
        description = "Paragraphs of text with headings, lists and links"
        preview_value = (
            "<h2>Why we are asking</h2><p>We want to hear from everyone who lives or works here.</p>"
        )


class EmbeddedMediaBlock(EmbedBlock):
    class Meta:
        icon = "media"
        template = "blocks/embed.html"
        description = "A video or other media from a site such as YouTube"
        preview_value = "https://www.youtube.com/watch?v=mwrGSfiB1Mg"


class BaseStreamBlock(blocks.StreamBlock):
    """The content blocks every page may use."""

    rich_text = RichTextBlock()
    image = CaptionedImageBlock()
    embed = EmbeddedMediaBlock()
    call_to_action = CallToActionBlock()
    document_link = DocumentLinkBlock()
    notice = NoticeChooserBlock()
