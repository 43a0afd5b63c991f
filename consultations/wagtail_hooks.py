from wagtail import hooks
from wagtail.permission_policies.pages import PagePermissionPolicy

from accounts.announcements import HOOK as AUDIENCE_HOOK
from accounts.announcements import Audience
from accounts.email_preferences import HOOK as EMAIL_KIND_HOOK
from accounts.email_preferences import EmailKind
from accounts.sections import HOOK as ACCOUNT_SECTION_HOOK
from core.dashboard import DashboardPanel
from core.sections import Section

from . import alerts
from .follows import follows, follows_topic
from .forms import TakingPartForm
from .models import ConsultationPage, ConsultationStatus, Follow, TopicFollow
from .sections import HOOK as CONSULTATION_SECTION_HOOK

DASHBOARD_CONSULTATIONS = 10


def open_consultations():
    """The open consultations closing soonest, each with its response count, in one query."""
    consultations = (
        ConsultationPage.objects.live()
        .open()
        .with_response_counts()
        .order_by("closes_at")[:DASHBOARD_CONSULTATIONS]
    )
    return {"consultations": list(consultations)}


@hooks.register("construct_homepage_panels")
def open_consultations_panel(request, panels):
    # For the people who write and publish pages, not moderators or organisers.
    if PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"]):
        panels.append(
            DashboardPanel(
                "open-consultations",
                "Open consultations",
                "consultations/admin/dashboard.html",
                open_consultations,
                order=20,
            )
        )


@hooks.register(EMAIL_KIND_HOOK)
def outcome_emails():
    return EmailKind(alerts.OUTCOMES, "What came of consultations I took part in or follow", order=20)


@hooks.register(EMAIL_KIND_HOOK)
def update_emails():
    return EmailKind(alerts.UPDATES, "New stages and events in consultations I follow", order=30)


@hooks.register(EMAIL_KIND_HOOK)
def reminder_emails():
    return EmailKind(
        alerts.REMINDERS,
        "When a consultation I follow (or one on a topic I follow) opens or is closing",
        order=40,
    )


@hooks.register(AUDIENCE_HOOK)
def took_part_or_following():
    return Audience(alerts.TOOK_PART_OR_FOLLOWERS, alerts.took_part_or_following)


@hooks.register(AUDIENCE_HOOK)
def following():
    return Audience(alerts.FOLLOWERS, alerts.following)


@hooks.register(AUDIENCE_HOOK)
def following_it_or_its_topic():
    return Audience(alerts.FOLLOWERS_AND_TOPIC, alerts.following_it_or_its_topic)


def follow_controls(request, consultation):
    """The reader's follow buttons; signed-out readers (who share the cached page) get a sign-in link."""
    status = consultation.status
    context = {
        "consultation": consultation,
        "upcoming": status == ConsultationStatus.UPCOMING,
        "closed": status == ConsultationStatus.CLOSED,
    }
    if request.user.is_authenticated:
        context.update(
            signed_in=True,
            following=follows(request.user, consultation),
            following_topic=consultation.topic_id is not None
            and follows_topic(request.user, consultation.topic),
        )
    return context


@hooks.register(CONSULTATION_SECTION_HOOK)
def follow_section():
    return Section("consultations/includes/follow.html", follow_controls, order=0, slot="before_body")


def my_follows(request):
    consultations = ConsultationPage.objects.live().filter(
        pk__in=Follow.objects.filter(user=request.user).values("consultation_id")
    )
    topic_follows = (
        TopicFollow.objects.filter(user=request.user).select_related("topic").order_by("topic__name")
    )
    return {
        "consultations": consultations.defer_streamfields().order_by("title"),
        "topics": [topic_follow.topic for topic_follow in topic_follows],
        "taking_part_form": TakingPartForm(user=request.user),
    }


@hooks.register(ACCOUNT_SECTION_HOOK)
def my_follows_section():
    return Section("consultations/includes/my_follows.html", my_follows, order=5)
