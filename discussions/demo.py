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


# The closed consultation's discussion follows the shape of a long-running
# public discussion: long comments shown in part, residents answering each
# other, and the hosts thanking people by pseudonym and answering questions.
SCHOOL_RUN = (
    "I walk my two children to school along the main road every morning and by the time we get to the "
    "gates you can taste the exhaust. There is a queue of cars with their engines running right up to "
    "the railings, and the little ones are at exactly the height of the exhaust pipes.\n\n"
    "I understand that some parents have no choice but to drive, because they are going straight on to "
    "work or they have a long way to come. But most of the cars I see are making journeys of less than a "
    "mile, and I think many of those families would walk if the street felt safe and pleasant to walk "
    "down.\n\n"
    "So I support closing the street at drop-off and pick-up. Please also put a crossing patrol on the "
    "main road, because that is the part of the walk that makes parents get the car out."
)
ASTHMA = (
    "My daughter has asthma and we have ended up in A&E twice in the last two winters. Both times the "
    "consultant asked whether we live near a busy road. We do, and so do most of the families in her "
    "class.\n\n"
    "What I would really like is to be able to see the air quality where we actually are. The readings "
    "on the council website come from one monitor two miles away, next to a park, and they always say "
    "the air is fine. A monitor on the school gate, with the readings on a screen that parents can see, "
    "would do more to change how people drive than any leaflet.\n\n"
    "I would also like the strategy to say something about the bus garage at the end of our road, where "
    "buses sit with their engines running for twenty minutes before they start their routes."
)

CLOSED_THREADS = [
    (
        "priya",
        SCHOOL_RUN,
        [
            (
                "chervonne",
                "Thank you for such a detailed comment. Many parents will recognise that queue, and a "
                "crossing patrol is something we can look at alongside the closures.",
            ),
        ],
    ),
    (
        "oliver",
        "I support school streets, but the traffic just moves round the corner to our road. Whatever you "
        "do has to look at the streets next door too.",
        [
            (
                "fatima",
                "Same on our side of the park. Drop-off is better since the trial started, but the roads "
                "around are worse.",
            ),
            (
                "chervonne",
                "Thank you both. Traffic moving to the next street is the concern we have heard most, and "
                "it will be part of what we publish at the end.",
            ),
        ],
    ),
    (
        "sean",
        "I have full confidence in the idea. I just never see anyone enforcing it!",
        [
            (
                "mei",
                "The camera went up outside our school last term and it has made a real difference. "
                "People stopped chancing it after the first fines.",
            )
        ],
    ),
    (
        "fatima",
        ASTHMA,
        [
            (
                "chervonne",
                "Thank you for sharing this. We have passed your point about the bus garage to the "
                "transport team.",
            )
        ],
    ),
    (
        "mei",
        "Please don't forget carers. My mum's carer has four visits before nine and can't walk between "
        "them with her equipment.",
        [],
    ),
]
CLOSED_MEMBERS = ["priya", "oliver", "fatima", "sean", "mei"]


def load_closed(consultation):
    """The closed consultation's discussion; returns the comments its outcome quotes."""
    page = child_page(
        consultation,
        DiscussionPage,
        "school-streets",
        title="School streets and the air our children breathe",
        introduction=(
            "Closing streets outside schools at drop-off and pick-up is the first commitment of the draft "
            "strategy. We want to hear how it would work where you live."
        ),
        prompts=[
            ("prompt", "How do you get to school, and what would make the journey healthier?"),
            ("prompt", "Where should the next school streets be?"),
            ("prompt", "What should we do about traffic that moves to the streets next door?"),
        ],
        hosts_taking_part="Chervonne and Sam from City Hall's transport team will join the discussion below.",
    )
    existing = comments_on_page(page)
    if not existing.exists():
        members = {name: demo_user(name) for name in CLOSED_MEMBERS}
        members["chervonne"] = member_with_email(
            f"chervonne@{DEMO_DOMAIN}", factory=HostFactory, profile__host_name="Chervonne"
        )
        when = consultation.opens_at + timedelta(days=3)
        for author, text, replies in CLOSED_THREADS:
            when += timedelta(days=9)
            top = CommentFactory(page=page, user=members[author], text=text, submit_date=when)
            for reply_author, reply_text in replies:
                when += timedelta(hours=5)
                CommentFactory(
                    page=page, user=members[reply_author], text=reply_text, submit_date=when, parent=top
                )
    quoted = [SCHOOL_RUN, ASTHMA, CLOSED_THREADS[1][1]]
    by_text = {comment.comment: comment for comment in existing.filter(comment__in=quoted)}
    return [by_text[text] for text in quoted]
