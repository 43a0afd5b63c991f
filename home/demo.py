"""The demo site's home page, standard pages, notices and settings."""

from django.utils.html import format_html
from wagtail.models import Page, Site

from core.demo import child_page, phone, rich_text
from core.models import Notice, SiteSettings

from .models import HomePage, StandardPage

STANDARD_PAGES = [
    {
        "slug": "community-guidelines",
        "title": "Community guidelines",
        "introduction": (
            "Our discussions work when everyone feels welcome to take part. These guidelines explain what "
            "we expect of every member, and what our moderators will do."
        ),
        "paragraphs": [
            (
                "Be respectful. Disagree with ideas, not with people. Personal attacks, harassment and "
                "language that demeans anyone because of who they are will be removed."
            ),
            (
                "Keep it relevant. Stay on the topic of the discussion so that everyone's views can be "
                "found and read."
            ),
            (
                "Keep it safe. Do not share personal details such as your address, phone number or email, "
                "or anyone else's. Do not use the discussion to report a crime or an emergency."
            ),
            "Keep it honest. Do not post advertising, spam or things you know to be untrue.",
            (
                "Comments from new members are checked by a moderator before they appear. Anyone can report "
                "a comment that breaks these guidelines, and our moderators review every report."
            ),
        ],
    },
    {
        "slug": "staying-safe",
        "title": "Staying safe and getting support",
        "introduction": (
            "Your safety and wellbeing matter to us. If something in a discussion has worried you, or you "
            "need specialist advice, these organisations can help."
        ),
        "paragraphs": [
            format_html("If you or someone else is in immediate danger, call {}.", phone("999")),
            format_html(
                "To report a crime that is not an emergency, call {} or report it online to your local "
                "police force.",
                phone("101"),
            ),
            format_html(
                "Samaritans are available day and night, every day of the year. Call {} for free.",
                phone("116 123"),
            ),
            format_html(
                "Victim Support offers free and confidential help to anyone affected by crime, whether or "
                "not it was reported. Call {}.",
                phone("08 08 16 89 111"),
            ),
            format_html(
                "If you are worried about a child, contact the NSPCC helpline on {}.", phone("0808 800 5000")
            ),
        ],
    },
    {
        "slug": "about",
        "title": "About the Engagement Hub",
        "introduction": (
            "The Engagement Hub is where City Hall asks residents what they think before we make decisions."
        ),
        "paragraphs": [
            (
                "We publish draft plans and policies here, ask questions, hold discussions and run events "
                "in every part of the city. What you tell us is read by the teams writing each policy, and "
                "we publish what we heard and what we changed."
            ),
            (
                "Anyone can read the consultations. To comment or register for an event, join with an email "
                "address. You will take part under a pseudonym, so your name is never shown."
            ),
        ],
        "show_in_menus": True,
    },
    {
        "slug": "privacy",
        "title": "Privacy notice",
        "introduction": "How we collect, use and protect your information when you use the Engagement Hub.",
        "paragraphs": [
            (
                "We hold your email address so that you can sign in and, if you ask us to, so that we can "
                "tell you about replies and events. We never show it to anyone else."
            ),
            (
                "Your comments appear under a pseudonym. Staff who moderate the discussions can see which "
                "account posted a comment, so that they can apply our guidelines."
            ),
            (
                "If you answer the optional profile questions, we use your answers only in reports that "
                "combine many people's responses. We never publish a figure for a group of fewer than ten "
                "people."
            ),
            (
                "You can download everything we hold about you, or delete your account, at any time from My "
                "account."
            ),
        ],
    },
    {
        "slug": "accessibility",
        "title": "Accessibility statement",
        "introduction": "We want as many people as possible to be able to use this website.",
        "paragraphs": [
            (
                "You should be able to change colours, contrast levels and fonts, zoom in up to 400% "
                "without the text spilling off the screen, navigate the whole site using just a keyboard, "
                "and use it with a screen reader."
            ),
            (
                "We test every type of page with automated accessibility checks and by hand with a "
                "keyboard. We aim to meet the Web Content Accessibility Guidelines version 2.2 to level AA."
            ),
            (
                "If you find a problem, or need information in a different format such as large print, easy "
                "read or audio, contact us and we will reply within five working days."
            ),
        ],
    },
]


def load():
    """The home page, the standard pages, reusable notices and the site settings."""
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Home",
            slug="hub",
            seo_title="Have your say",
            hero_heading="Have your say on the decisions that shape our city",
            introduction=(
                "Read our draft plans, tell us what you think and meet the people making the decisions. "
                "Every response is read."
            ),
            join_text=(
                "Join to comment in discussions and register for events. You take part under a pseudonym, "
                "so your name is never shown."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        previous_root = site.root_page if site else None
        Site.objects.update_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Engagement Hub"},
        )
        # Wagtail's placeholder "Welcome to your new Wagtail site!" page.
        if (
            previous_root
            and previous_root.specific_class is Page
            and not previous_root.get_children().exists()
        ):
            previous_root.delete()

    pages = {}
    for spec in STANDARD_PAGES:
        pages[spec["slug"]] = child_page(
            home,
            StandardPage,
            spec["slug"],
            title=spec["title"],
            introduction=spec["introduction"],
            show_in_menus=spec.get("show_in_menus", False),
            body=[{"type": "rich_text", "value": rich_text(*spec["paragraphs"])}],
        )

    notices = {
        "safety": Notice.objects.get_or_create(
            title="Staying safe",
            defaults={
                "kind": Notice.Kind.SAFETY,
                "body": rich_text(
                    (
                        "Please do not post anything that could identify you or anyone else, and do not use "
                        "the discussion to report a crime."
                    ),
                    "If you are worried or need specialist advice, many organisations can help.",
                ),
                "link_page": pages["staying-safe"],
                "link_text": "Find support",
            },
        )[0],
        "guidelines": Notice.objects.get_or_create(
            title="Community guidelines",
            defaults={
                "kind": Notice.Kind.GUIDELINES,
                "body": rich_text(
                    "Most comments appear straight away. We want everyone to feel welcome to take part "
                    "in a constructive way, and our guidelines help us all do that."
                ),
                "link_page": pages["community-guidelines"],
                "link_text": "Read our community guidelines",
            },
        )[0],
    }

    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if site_settings.guidelines_page_id is None:
        site_settings.organisation_name = "City Hall"
        site_settings.respondent_noun = "residents"
        site_settings.respondent_noun_singular = "resident"
        site_settings.guidelines_page = pages["community-guidelines"]
        site_settings.support_page = pages["staying-safe"]
        site_settings.privacy_page = pages["privacy"]
        site_settings.accessibility_page = pages["accessibility"]
        site_settings.save()

    return {"home": home, "pages": pages, "notices": notices}
