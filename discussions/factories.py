"""Small builders for tests, the benchmark and the demo: members, discussions, comments."""

from datetime import timedelta
from itertools import cycle

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django_comments.models import Comment
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from consultations.models import ConsultationIndexPage, ConsultationPage

from .models import DiscussionPage


def member(email, verified=True, host_name="", host_organisation="", **profile_fields):
    """A member with a profile (and pseudonym); hosts get their name and organisation."""
    user = get_user_model().objects.create_user(username=email, email=email, password="a-long-test-password")
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    profile = user.profile
    if host_name:
        profile.is_host, profile.host_name, profile.host_organisation = True, host_name, host_organisation
    for name, value in profile_fields.items():
        setattr(profile, name, value)
    profile.save()
    return user


def consultation(title="Safer streets", open=True, parent=None):
    now = timezone.now()
    if parent is None:
        parent = Page.objects.get(depth=1).get_children().first()
        index = ConsultationIndexPage(title="Consultations", slug=f"consultations-{Page.objects.count()}")
        parent.add_child(instance=index)
        parent = index
    page = ConsultationPage(
        title=title,
        summary="What would make our streets feel safer?",
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=10) if open else now - timedelta(days=1),
    )
    parent.add_child(instance=page)
    return page


def discussion(consultation_page=None, title="Trust in the police", **fields):
    consultation_page = consultation_page or consultation()
    page = DiscussionPage(
        title=title,
        introduction="Tell us what builds or breaks trust.",
        prompts=[("prompt", "What makes you trust the police?")],
        hosts_taking_part="Alex from City Hall will join the discussion.",
        **fields,
    )
    consultation_page.add_child(instance=page)
    return page


def comment(page, user, text="I think more people walking about at night would help.", parent=None, **fields):
    """One comment saved the way xtd saves it, so the thread fields are right."""
    new = XtdComment(
        content_object=page,
        site_id=settings.SITE_ID,
        user=user,
        user_name=user.profile.display_name if user else "",
        comment=text,
        parent_id=parent.pk if parent else 0,
        **fields,
    )
    new.save()
    return new


def many_comments(page, users, count, start=None):
    """`count` public comments in threads of four (a comment, two replies, a reply to a reply), fast.

    XtdComment inherits from Comment, which bulk_create cannot do in one go, so
    the Comment rows go in with bulk_create and the XtdComment rows follow.
    """
    start = start or timezone.now() - timedelta(days=5)
    content_type = ContentType.objects.get_for_model(DiscussionPage)
    authors = cycle(users)
    shape = [(0, 0), (1, 0), (2, 1), (1, 0)]  # (level, index in the thread of the parent)
    with transaction.atomic():
        comments = Comment.objects.bulk_create(
            Comment(
                content_type=content_type,
                object_pk=str(page.pk),
                site_id=settings.SITE_ID,
                user=(author := next(authors)),
                user_name=author.profile.display_name,
                comment=f"Comment number {n}: local officers I recognise make me feel safer. " * (1 + n % 3),
                submit_date=start + timedelta(seconds=n),
                is_public=True,
            )
            for n in range(count)
        )
        rows = []
        for position, row in enumerate(comments):
            thread_start = position - position % len(shape)
            level, parent_index = shape[position % len(shape)]
            parent_pk = comments[thread_start + parent_index].pk if level else row.pk
            order = position - thread_start + 1
            rows.append((row.pk, comments[thread_start].pk, parent_pk, level, order, False, 0))
        table = connection.ops.quote_name(XtdComment._meta.db_table)
        columns = ", ".join(
            connection.ops.quote_name(name)
            for name in (
                "comment_ptr_id",
                "thread_id",
                "parent_id",
                "level",
                "order",
                "followup",
                "nested_count",
            )
        )
        with connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)", rows)
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum would soon gather on a live database;
        # without them PostgreSQL plans the thread query for an empty table.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {table}, {connection.ops.quote_name(Comment._meta.db_table)}")
    return count
