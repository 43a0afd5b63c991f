"""Demo discussion under the open demo consultation: original comments, threads,
host replies, a long comment, and one held and one reported item for the queue."""

from datetime import timedelta

from django.utils import timezone

from accounts.factories import HostFactory, MemberFactory, member_with_email
from core.demo import child_page
from discussions.factories import CommentFactory

from .models import DiscussionPage
from .moderation import hold, report
from .threads import comments_on_page

DEMO_DOMAIN = "demo.engagement-hub.localhost"

MEMBERS = ["amara", "tomasz", "grace", "dev", "niamh", "kwame"]

LONG_COMMENT = (
    "I've lived on the same estate for nineteen years and I think trust is built in small, boring ways that "
    "never make the news. When I was younger we had two officers who walked the same route most afternoons. "
    "They knew the names of the shopkeepers, they knew which kids were in trouble at home, and people told "
    "them things because they'd still be there next week.\n\n"
    "Now when I see the police it's a van going past fast or a group of officers I've never seen before, "
    "usually after something has already gone wrong. I don't blame the individual officers for that, but it "
    "means the only contact most of my neighbours have is at the worst moment of their week.\n\n"
    "So my suggestion for the plan is simple: keep the same faces in the same neighbourhoods for at least "
    "two years, publish who they are, and measure them on how well they know the area rather than on "
    "how many stops they make. I'd also like to see a regular open meeting, in the evening, where residents "
    "can ask questions and hear back on what happened to the things they raised last time."
)

THREADS = [
    (
        "amara",
        "What makes me trust the police is seeing them follow through. I reported a broken street light "
        "near the underpass that was making people nervous, and a PCSO came back a month later to tell me "
        "it had been fixed. Small thing, but I remembered it.",
        [
            (
                "host",
                "Thank you for sharing this. Following up on reports is one of the things the plan "
                "commits to measuring. We'll make sure your point about closing the loop is in our summary.",
            ),
            (
                "tomasz",
                "Same experience here. Being told what happened matters more than the outcome sometimes.",
            ),
        ],
    ),
    (
        "grace",
        LONG_COMMENT,
        [
            (
                "dev",
                "Agree about the same faces. A name and a photo on a poster at the "
                "community centre would be a start.",
            )
        ],
    ),
    (
        "niamh",
        "Buses after 11pm are where I feel least safe. More staff at the interchange would do more than "
        "cameras, in my view. See https://example.org/night-transport-survey for a survey our residents' "
        "group ran last year.",
        [
            (
                "host",
                "Thank you, this kind of detail is exactly what we need. Do you know roughly how "
                "many people answered the survey?",
            )
        ],
    ),
    (
        "kwame",
        "I'd like City Hall to publish stop and search figures by neighbourhood every quarter, in plain "
        "language, with an explanation of what changed.",
        [],
    ),
]

HELD_COMMENT = (
    "There's a lot of trouble outside my block every weekend. Call me on 07700 900461 and I'll explain."
)
REPORTED_COMMENT = "Honestly anyone who still trusts the police after the last few years is naive."


def demo_user(name, factory=MemberFactory):
    return member_with_email(f"{name}@{DEMO_DOMAIN}", factory=factory)


def load(consultation):
    page = child_page(
        consultation,
        DiscussionPage,
        "trust-and-confidence",
        title="Trust and confidence in policing",
        introduction=(
            "Building trust between residents and the police is the first priority of the draft plan. "
            "We want to hear what builds that trust, and what breaks it."
        ),
        prompts=[
            ("prompt", "What makes you trust, or distrust, the police in your area?"),
            ("prompt", "What stops people from reporting a crime or asking for help?"),
            ("prompt", "What should the police do differently to earn residents' confidence?"),
            ("prompt", "What role should City Hall play in holding the police to account?"),
        ],
        hosts_taking_part="Alex, Chervonne and Dionne from City Hall will join the discussion below.",
    )
    if comments_on_page(page).exists():
        return page

    members = {name: demo_user(name) for name in MEMBERS}
    members["host"] = demo_user("alex", factory=HostFactory)
    when = timezone.now() - timedelta(days=12)
    for author, text, replies in THREADS:
        when += timedelta(hours=7)
        top = CommentFactory(page=page, user=members[author], text=text, submit_date=when)
        for reply_author, reply_text in replies:
            when += timedelta(hours=2)
            CommentFactory(
                page=page, user=members[reply_author], text=reply_text, submit_date=when, parent=top
            )

    held = CommentFactory(page=page, user=members["dev"], text=HELD_COMMENT, is_public=False)
    hold(held, ["it seems to include a phone number"])
    reported = CommentFactory(page=page, user=members["tomasz"], text=REPORTED_COMMENT)
    report(reported, members["amara"], "abuse")
    return page
