"""Quotes for a consultation's outcome (consultations.outcomes): its approved comments.

An editor names a comment by its number or its link ("#c123", or the address
a comment's time links to). Only a public comment, not removed, in one of the
consultation's own discussions may be quoted; a comment removed later is no
longer found, so its quote leaves the outcome page.
"""

import re

from django.conf import settings
from django.db.models import OuterRef
from wagtail.models import Page

from consultations.outcomes import Quote
from core.queries import SubqueryCount

from .models import DiscussionPage, approved_comments_below, discussion_comments
from .threads import PUBLIC

REFERENCE = re.compile(r"^(?:.*#)?c?(\d+)$", re.IGNORECASE)


def comment_id(reference):
    match = REFERENCE.match(reference.strip())
    return int(match[1]) if match else None


def quotable_comments(consultation, references):
    """{reference: Quote} for the references that may be quoted now, in one query (and one for the pages)."""
    ids = {reference: comment_id(reference) for reference in references}
    # The page of the discussion a thread is on, oldest first, as discussions.threads pages them.
    earlier_threads = discussion_comments().filter(
        object_pk=OuterRef("object_pk"),
        level=0,
        thread_id__lt=OuterRef("thread_id"),
        thread_id__in=discussion_comments()
        .filter(PUBLIC, object_pk=OuterRef(OuterRef("object_pk")))
        .values("thread_id"),
    )
    comments = {
        comment.pk: comment
        for comment in approved_comments_below(consultation.path)
        .filter(pk__in=[pk for pk in ids.values() if pk])
        .select_related("user__profile")
        .annotate(earlier_threads=SubqueryCount(earlier_threads))
    }
    pages = DiscussionPage.objects.live().in_bulk({int(comment.object_pk) for comment in comments.values()})
    quotes = {}
    for reference, pk in ids.items():
        comment = comments.get(pk)
        page = pages.get(int(comment.object_pk)) if comment else None
        if page is None:
            continue
        number = comment.earlier_threads // settings.DISCUSSIONS_THREADS_PER_PAGE + 1
        query = f"?page={number}" if number > 1 else ""
        quotes[reference] = Quote(text=comment.comment, author=comment.user, url=f"{page.url}{query}#c{pk}")
    return quotes


def why_not_quotable(consultation, reference):
    """Why `reference` may not be quoted on `consultation`'s outcome, or None."""
    pk = comment_id(reference)
    if pk is None:
        return "Give the comment's number or link, such as #c123."
    comment = discussion_comments().filter(pk=pk).first()
    if comment is None:
        return f"There is no comment #c{pk}."
    in_this_consultation = Page.objects.filter(
        pk=int(comment.object_pk), path__startswith=consultation.path, depth__gt=consultation.depth
    ).exists()
    if not in_this_consultation:
        return (
            f"Comment #c{pk} is in another consultation's discussion. "
            "Quote only this consultation's comments."
        )
    if comment.is_removed:
        return f"Comment #c{pk} was removed by a moderator, so it cannot be quoted."
    if not comment.is_public:
        return f"Comment #c{pk} has not been approved by a moderator, so it cannot be quoted yet."
    return None
