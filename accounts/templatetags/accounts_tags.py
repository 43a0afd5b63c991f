from django import template
from django.utils.html import format_html

register = template.Library()

FORMER_MEMBER_AVATAR = {"initials": "", "colour": "#505a5f"}


@register.simple_tag
def avatar(profile, size=40):
    """A member's generated avatar as inline SVG: initials on a colour, no image requests.

    Hidden from assistive technology, since the name is always written beside it.
    `profile` may be None, for a former member.
    """
    picture = profile.avatar if profile else FORMER_MEMBER_AVATAR
    return format_html(
        '<svg class="avatar" width="{size}" height="{size}" viewBox="0 0 40 40" '
        'aria-hidden="true" focusable="false">'
        '<circle cx="20" cy="20" r="20" fill="{colour}"/>'
        '<text x="20" y="20" dy=".35em" text-anchor="middle" font-size="16" font-weight="700" fill="#fff">'
        "{initials}</text></svg>",
        size=size,
        colour=picture["colour"],
        initials=picture["initials"],
    )
