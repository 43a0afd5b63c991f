"""Demo consultations: one open, one closed and one upcoming, in original wording."""

from datetime import timedelta

from django.utils import timezone

from core.demo import child_page, pdf_document, rich_text, skyline_image

from .models import ConsultationIndexPage, ConsultationPage, OutcomePage, Topic

TOPICS = {
    "community-safety": "Community safety",
    "environment": "Environment",
    "culture-and-communities": "Culture and communities",
    "housing": "Housing",
    "transport": "Transport",
}


CLEAN_AIR_QUESTIONS = [
    "How do you and your children get to school, and what would make that journey healthier?",
    "Which streets near you have the worst air, and at what times?",
    "What should happen to traffic that can no longer use a school street?",
]
CLEAN_AIR_COMMITMENTS = [
    "Close the streets outside 40 primary schools to through traffic at drop-off and pick-up times.",
    "Fine drivers who leave their engines running outside schools, hospitals and care homes.",
    "Install air quality monitors on every street we change, and publish the readings.",
]


def stage(label, title, starts_on=None, ends_on=None, description="", link=None):
    """A timeline stage in the StreamField's stored form."""
    return {
        "label": label,
        "title": title,
        "starts_on": starts_on.isoformat() if starts_on else None,
        "ends_on": ends_on.isoformat() if ends_on else None,
        "description": description,
        "link": {"link_text": "", "page": None, "document": None, "external_url": "", **(link or {})},
        "state_override": "",
    }


def load(site):
    home, pages, notices = site["home"], site["pages"], site["notices"]
    topics = {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in TOPICS.items()
    }

    index = child_page(
        home,
        ConsultationIndexPage,
        "consultations",
        title="Consultations",
        show_in_menus=True,
        introduction=(
            "Every consultation we are running now, coming up soon, or have finished. Filter by status or "
            "topic."
        ),
    )

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    today = timezone.localdate()

    draft_plan = pdf_document(
        "Draft Community Safety Plan 2026 to 2030",
        [
            (
                "This draft plan sets out how City Hall, the police and our partners will work together to "
                "make every neighbourhood safer over the next four years."
            ),
            (
                "It has four priorities: rebuilding trust between residents and the police, preventing "
                "violence before it happens, supporting victims at every step, and making streets, parks "
                "and transport feel safe at any hour."
            ),
            "We want to hear from everyone who lives, works or studies in the city before we finalise it.",
        ],
    )

    safety = child_page(
        index,
        ConsultationPage,
        "community-safety-plan",
        title="Draft Community Safety Plan 2026 to 2030",
        introduction=(
            "Tell us how we can make every neighbourhood safer, and rebuild trust between residents and the "
            "police."
        ),
        summary=(
            "We have published a draft plan for community safety over the next four years. Read the key "
            "commitments, join the discussion and come to an event near you."
        ),
        topic=topics["community-safety"],
        hero_image=skyline_image(
            "Evening skyline over the city centre",
            "An illustrated city skyline at dusk, with lit windows in the tower blocks.",
            seed="community-safety",
            sky=("#1d3f7a", "#e8a87c"),
        ),
        opens_at=now - timedelta(days=21),
        closes_at=(now + timedelta(days=35)).replace(hour=23, minute=59),
        offline_response_count=412,
        body=[
            {
                "type": "rich_text",
                "value": rich_text(
                    (
                        "Feeling safe where we live, work and travel shapes everything else about city "
                        "life. Over the last year we have heard from residents, community groups, victims' "
                        "organisations and frontline officers about what is working and what is not."
                    ),
                    (
                        "This draft plan is our response. It is not final: we want you to challenge it, add "
                        "to it and tell us what we have missed."
                    ),
                ),
            },
            {
                "type": "questions",
                "value": {
                    "heading": "Join the conversation",
                    "introduction": "You can answer any or all of these questions.",
                    "questions": [
                        "What makes you trust, or distrust, the police in your area?",
                        "Where and when do you feel least safe, and what would change that?",
                        "What should happen to support someone after they have been a victim of crime?",
                        "What role should City Hall play in holding the police to account?",
                    ],
                },
            },
            {
                "type": "key_commitments",
                "value": {
                    "heading": "What is in the draft plan?",
                    "introduction": "Some of the key commitments in the draft plan are:",
                    "items": [
                        (
                            "Create a residents' panel in every borough with the power to question local "
                            "police commanders in public, twice a year."
                        ),
                        (
                            "Fund youth workers in every secondary school in the areas with the highest "
                            "rates of violence."
                        ),
                        (
                            "Guarantee every victim of crime a named contact and an update within five "
                            "working days."
                        ),
                        (
                            "Improve lighting and add help points at the fifty bus stops and stations "
                            "residents told us feel least safe."
                        ),
                        (
                            "Publish clear, quarterly figures on stop and search, complaints and response "
                            "times for each neighbourhood."
                        ),
                    ],
                },
            },
            {
                "type": "document_link",
                "value": {
                    "document": draft_plan.pk,
                    "link_text": "Read the draft plan",
                    "description": "The full draft Community Safety Plan 2026 to 2030",
                },
            },
            {"type": "notice", "value": notices["safety"].pk},
            {
                "type": "timeline",
                "value": {
                    "heading": "Timeline",
                    "stages": [
                        stage(
                            "City Hall challenge",
                            "The draft Community Safety Plan is published",
                            starts_on=today - timedelta(days=28),
                            link={"link_text": "Read the draft plan", "document": draft_plan.pk},
                        ),
                        stage(
                            "Evidence gathering",
                            "Residents tell us what they think",
                            starts_on=today - timedelta(days=21),
                            ends_on=today + timedelta(days=35),
                            description="Join the discussion online, or send us your views by post or email.",
                        ),
                        stage(
                            "Public events",
                            "Consultation events in every part of the city",
                            starts_on=today + timedelta(days=7),
                            ends_on=today + timedelta(days=30),
                            description=(
                                "Online and in-person meetings, including a workshop for women and girls."
                            ),
                        ),
                        stage(
                            "Analysis",
                            "We publish what we heard",
                            starts_on=today + timedelta(days=60),
                            description="An independent team reads every response and publishes a summary.",
                        ),
                        stage(
                            "Policy published",
                            "The final Community Safety Plan 2026 to 2030 is published",
                            description=(
                                "Expected in the spring, with a note of what changed because of your views."
                            ),
                        ),
                    ],
                },
            },
            {
                "type": "call_to_action",
                "value": {
                    "heading": "Before you take part",
                    "text": (
                        "Our discussions are moderated. Please read the community guidelines so that "
                        "everyone feels welcome."
                    ),
                    "link": {
                        "link_text": "Read the community guidelines",
                        "page": pages["community-guidelines"].pk,
                    },
                },
            },
        ],
    )

    clean_air_opened = now - timedelta(days=150)
    clean_air_closed = now - timedelta(days=60)
    clean_air = child_page(
        index,
        ConsultationPage,
        "clean-air-streets",
        title="Clean Air Streets Strategy",
        introduction="How should we cut traffic pollution on residential streets and outside schools?",
        summary=(
            "We asked residents how to make the air on their streets cleaner, starting with the roads "
            "outside schools. The consultation has closed: read what we heard and what we are changing."
        ),
        topic=topics["environment"],
        hero_image=skyline_image(
            "Green city skyline on a clear morning",
            "An illustrated city skyline under a clear blue morning sky.",
            seed="clean-air",
            sky=("#2f6f9f", "#cfe8d8"),
        ),
        opens_at=clean_air_opened,
        closes_at=clean_air_closed,
        offline_response_count=1612,
        body=[
            {
                "type": "rich_text",
                "value": rich_text(
                    (
                        "Traffic fumes are at their worst where children walk to school. This draft "
                        "strategy sets out how we would close streets to through traffic at school times, "
                        "stop engines idling and measure the air on every street that changes."
                    ),
                    "Thank you to everyone who took part online, by post and at our events.",
                ),
            },
            {
                "type": "questions",
                "value": {
                    "heading": "Join the conversation",
                    "introduction": "You can answer any or all of these questions.",
                    "questions": CLEAN_AIR_QUESTIONS,
                },
            },
            {
                "type": "key_commitments",
                "value": {
                    "heading": "What is in the draft strategy?",
                    "introduction": "Some of the key commitments in the draft strategy are:",
                    "items": CLEAN_AIR_COMMITMENTS,
                },
            },
            {
                "type": "timeline",
                "value": {
                    "heading": "Timeline",
                    "stages": [
                        stage(
                            "Draft",
                            "The draft Clean Air Streets Strategy is published",
                            starts_on=clean_air_opened.date() - timedelta(days=7),
                        ),
                        stage(
                            "Evidence gathering",
                            "Residents tell us what they think",
                            starts_on=clean_air_opened.date(),
                            ends_on=clean_air_closed.date(),
                            description="The discussion, the events and responses by post and email.",
                        ),
                        stage(
                            "Public events",
                            "Meetings at schools and online",
                            description="A walk along a school street and an online question time.",
                        ),
                        stage(
                            "Outcome",
                            "We publish what we heard and what we will do",
                            starts_on=clean_air_closed.date() + timedelta(days=45),
                            ends_on=clean_air_closed.date() + timedelta(days=45),
                            description="With a note of what changed because of your views.",
                        ),
                    ],
                },
            },
            {"type": "notice", "value": notices["guidelines"].pk},
        ],
    )

    child_page(
        index,
        ConsultationPage,
        "libraries-and-community-spaces",
        title="Libraries and Community Spaces Review",
        introduction="What should the libraries, halls and community centres of the future offer?",
        summary=(
            "Our libraries and community buildings are changing. From next month, tell us what you use them "
            "for today and what you would like them to offer tomorrow."
        ),
        topic=topics["culture-and-communities"],
        opens_at=now + timedelta(days=14),
        closes_at=now + timedelta(days=98),
        body=[
            {
                "type": "rich_text",
                "value": rich_text(
                    "We look after 48 libraries and 31 community centres. Some are busy every day; "
                    "others are half empty. Before we make any decisions, we want to understand how "
                    "residents use them, and what would bring more people through the doors."
                ),
            },
            {
                "type": "questions",
                "value": {
                    "heading": "What we will ask",
                    "introduction": "",
                    "questions": [
                        "Which community spaces do you use, and what for?",
                        "What stops you using them more often?",
                        "What new services would you most like to see?",
                    ],
                },
            },
        ],
    )
    # A site loaded by an older demo keeps its closed consultation as it was, without
    # the timeline and commitments its discussion, events and outcome now follow.
    finished = any(block.block_type == "timeline" for block in clean_air.body)
    return {"index": index, "consultation": safety, "closed_consultation": clean_air if finished else None}


def load_outcome(consultation, quoted_comments):
    """The closed consultation's outcome, in all three parts, quoting `quoted_comments`.

    Published through a revision, as an editor would, so Wagtail's page_published
    fires once; loading the demo again finds it and publishes nothing.
    """
    return child_page(
        consultation,
        OutcomePage,
        "what-we-heard",
        title="What we heard and what we will do",
        summary=(
            "1,622 of you told us about the air on your streets. Most asked us to start outside schools, "
            "and to stop the traffic simply moving next door. We will close 60 school streets, not 40, "
            "and measure the air on the roads around them too."
        ),
        body=[
            {
                "type": "we_asked",
                "value": {
                    "heading": "We asked",
                    "introduction": "For three months, online, by post and at two events, we asked:",
                },
            },
            {
                "type": "you_said",
                "value": {
                    "heading": "You said",
                    "summary": rich_text(
                        "Most of you support school streets, and many of you asked for more of them, sooner.",
                        (
                            "The concern raised most often was that traffic moves to the streets next door. "
                            "Parents of children with asthma asked for air monitors they can see."
                        ),
                        "Some of you asked for exemptions for carers and for disabled residents.",
                    ),
                    "quotes": [{"comment": f"#c{comment.pk}"} for comment in quoted_comments],
                },
            },
            {
                "type": "we_did",
                "value": {
                    "heading": "We did",
                    "introduction": "Here is what we decided, and what changed because of what you said.",
                    "decisions": [
                        {
                            "decision": "60 school streets by next September",
                            "what_changed": (
                                "The draft named 40 schools. You told us about 20 more where children "
                                "breathe the worst air on the way in."
                            ),
                            "commitment": CLEAN_AIR_COMMITMENTS[0],
                        },
                        {
                            "decision": "The air is measured on the streets around, too",
                            "what_changed": (
                                "Every school street gets monitors on the two nearest roads as well, with "
                                "readings published each month, so we see any traffic that moves."
                            ),
                            "commitment": CLEAN_AIR_COMMITMENTS[2],
                        },
                        {
                            "decision": "Permits for carers and blue badge holders",
                            "what_changed": "Carers and blue badge holders can apply for a free permit.",
                            "commitment": "",
                        },
                    ],
                },
            },
        ],
    )
