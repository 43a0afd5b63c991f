from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaks_filter
from django.utils.html import urlize
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

register = template.Library()


@register.filter
def comment_html(text):
    """A comment's plain text as paragraphs, with links that pass on no reputation.

    urlize escapes everything that is not a link before it adds the anchors,
    so the result is safe to mark; linebreaks then only adds <p> and <br>.
    """
    linked = urlize(text, nofollow=True, autoescape=True).replace('rel="nofollow"', 'rel="nofollow ugc"')
    return linebreaks_filter(mark_safe(linked), autoescape=True)


@register.filter
def comment_preview(text):
    """The opening of a long comment, cut at a word, in the same format."""
    return comment_html(Truncator(text).chars(settings.DISCUSSIONS_PREVIEW_CHARS, truncate="…"))
