"""Pre-moderation rules, and what moderators and reports do to a comment."""

import re
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from . import comments
from .models import BlockedTerm, ModerationDecision, ModerationItem, Report
from .notifications import notify_authors, notify_reply, send_moderation_digest

EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 0 or +44/0044, then 9 or 10 more digits, allowing spaces, dashes and brackets.
UK_PHONE_NUMBER = re.compile(r"(?<![\w+])(?:(?:\+|00)44\s?(?:\(0\)\s?)?|\(?0)\d(?:[\s\-)]?\d){8,9}(?!\d)")
UK_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE)
# Looser than the official prefixes, so the "QQ 12 34 56 C" people copy from examples is caught too.
NATIONAL_INSURANCE_NUMBER = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
# "12 Acacia Avenue", "4b High Street": a number, capitalised words, a street word.
STREET_ADDRESS = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][\w'-]*\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Crescent|Drive|Way|Grove|Place|Gardens|Terrace|Court|"
    r"Square|Hill|Mews|Row|Walk|Rise|Parade|Green|Vale|View)\b"
)

IDENTIFYING_DETAILS = [
    (EMAIL_ADDRESS, "it seems to include an email address"),
    (UK_PHONE_NUMBER, "it seems to include a phone number"),
    (NATIONAL_INSURANCE_NUMBER, "it seems to include a National Insurance number"),
    (UK_POSTCODE, "it seems to include a postcode"),
    (STREET_ADDRESS, "it seems to include a street address"),
]
FIRST_COMMENTS_REASON = "we check a new member's first comments"
BLOCKED_TERM_REASON = "it uses a word or phrase we check before publishing"


def held_reasons(text, user):
    """Why a new comment must wait for a moderator, in words the author can read; empty to publish."""
    reasons = [reason for pattern, reason in IDENTIFYING_DETAILS if pattern.search(text)]
    if _uses_blocked_term(text):
        reasons.append(BLOCKED_TERM_REASON)
    if (
        not _is_host(user)
        and _published_comment_count(user) < settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS
    ):
        reasons.append(FIRST_COMMENTS_REASON)
    return reasons


def _uses_blocked_term(text):
    terms = list(BlockedTerm.objects.values_list("term", flat=True))
    if not terms:
        return False
    pattern = r"(?<!\w)(?:" + "|".join(re.escape(term) for term in terms) + r")(?!\w)"
    return re.search(pattern, text, re.IGNORECASE) is not None


def _is_host(user):
    profile = getattr(user, "profile", None)
    return bool(profile and profile.is_host)


def _published_comment_count(user):
    return comments.Comment.objects.filter(user=user, is_public=True, is_removed=False).count()


def hold(comment, reasons):
    ModerationItem.objects.update_or_create(
        comment=comment,
        defaults={
            "status": ModerationItem.Status.PENDING,
            "held_reasons": reasons,
            "moderators_notified_at": None,
        },
    )


def report(comment, reporter, reason):
    """Record a member's report; enough weighty unreviewed reports hide the comment until a moderator decides.

    Every report reaches the moderation queue, once per member per comment. Only
    reports from established members count towards hiding: an account at least
    DISCUSSIONS_REPORTER_MIN_AGE_DAYS old, or one with a published comment, so a
    handful of fresh accounts cannot hide what they like. A hidden comment stays
    in the queue, awaiting review, and the moderators hear of it at once.
    """
    with transaction.atomic():
        Report.objects.create(comment=comment, reporter=reporter, reason=reason)
        item, created = ModerationItem.objects.select_for_update().get_or_create(comment=comment)
        if not created and item.status != ModerationItem.Status.PENDING:
            item.status = ModerationItem.Status.PENDING
            item.moderators_notified_at = None
            item.save(update_fields=["status", "moderators_notified_at", "updated_at"])
        weighty = _established_reports(Report.objects.filter(comment=comment, reviewed=False)).count()
        hidden = comment.is_public and weighty >= settings.DISCUSSIONS_REPORTS_TO_HIDE
        if hidden:
            comments.set_visibility([comment.pk], is_public=False)
            transaction.on_commit(send_moderation_digest.enqueue)
    return hidden


def _established_reports(reports):
    joined_before = timezone.now() - timedelta(days=settings.DISCUSSIONS_REPORTER_MIN_AGE_DAYS)
    published_comment = comments.Comment.objects.filter(
        user_id=OuterRef("reporter_id"), is_public=True, is_removed=False
    )
    return reports.filter(Q(reporter__date_joined__lte=joined_before) | Exists(published_comment))


def approve(items, moderator_user, note=""):
    """Publish the items' comments, close the items and log the decision.

    The author of a comment held by the rules hears it is published; a reported
    comment that stays up was never withdrawn, so its author hears nothing.
    """
    with transaction.atomic():
        items = list(items.select_related("comment__user"))
        comment_ids = [item.comment_id for item in items]
        comments.set_visibility(comment_ids, is_public=True, is_removed=False)
        Report.objects.filter(comment_id__in=comment_ids).update(reviewed=True)
        _close(
            items, ModerationItem.Status.APPROVED, ModerationDecision.Action.APPROVE, moderator_user, "", note
        )
        held_comments = [
            item.comment for item in items if item.was_held and item.status != ModerationItem.Status.APPROVED
        ]
        for comment in held_comments:
            comment.is_public = True
        transaction.on_commit(lambda: notify_authors(held_comments, approved=True))
    for comment in held_comments:
        transaction.on_commit(lambda comment=comment: notify_reply(comment))


def remove(items, moderator_user, reason, note=""):
    """Take the items' comments down; replies stay, under a placeholder. Each author hears why."""
    with transaction.atomic():
        items = list(items)
        comments.set_visibility([item.comment_id for item in items], is_removed=True)
        _close(
            items,
            ModerationItem.Status.REMOVED,
            ModerationDecision.Action.REMOVE,
            moderator_user,
            reason,
            note,
        )
        newly_removed = [item.comment_id for item in items if item.status != ModerationItem.Status.REMOVED]
        removed = list(comments.Comment.objects.select_related("user").filter(pk__in=newly_removed))
        transaction.on_commit(lambda: notify_authors(removed, approved=False, reason=reason))


def _close(items, status, action, moderator_user, reason, note):
    ModerationItem.objects.filter(pk__in=[item.pk for item in items]).update(
        status=status, updated_at=timezone.now()
    )
    ModerationDecision.objects.bulk_create(
        ModerationDecision(
            comment_id=item.comment_id, moderator=moderator_user, action=action, reason=reason, note=note
        )
        for item in items
    )
