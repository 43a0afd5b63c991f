"""Discussions and comments for tests, the demo and the benchmarks."""

from datetime import timedelta
from itertools import cycle

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory

from . import comments
from .models import DiscussionPage


class DiscussionPageFactory(wagtail_factories.PageFactory):
    """A discussion under a new open consultation, unless given a `parent`."""

    title = "Trust in the police"
    introduction = "Tell us what builds or breaks trust."
    prompts = factory.LazyFunction(lambda: [("prompt", "What makes you trust the police?")])
    hosts_taking_part = "Alex from City Hall will join the discussion."
    parent = factory.SubFactory(ConsultationPageFactory)

    class Meta:
        model = DiscussionPage


class CommentFactory(factory.django.DjangoModelFactory):
    """A public comment on a discussion, saved the way every comment is
    (discussions.comments.create), so its place in the thread is right.

    ``page`` is the discussion, ``text`` what it says, and ``parent`` the
    comment it replies to; ``user=None`` is a former member's comment.
    """

    content_object = factory.SelfAttribute("page")
    site_id = settings.SITE_ID
    user = factory.SubFactory(MemberFactory)
    user_name = factory.LazyAttribute(
        lambda comment: comment.user.profile.display_name if comment.user else ""
    )
    comment = factory.SelfAttribute("text")
    parent_id = factory.LazyAttribute(lambda comment: comment.parent.pk if comment.parent else 0)

    class Meta:
        model = comments.Comment

    class Params:
        page = factory.SubFactory(DiscussionPageFactory)
        text = "I think more people walking about at night would help."
        parent = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return comments.create(kwargs)


# A thread of four: a comment, two replies and a reply to a reply, as (level, parent's place).
THREAD_SHAPE = [(0, 0), (1, 0), (2, 1), (1, 0)]


def many_comments(page, users, count, start=None):
    """`count` public comments in threads of four, fast, by the members in `users` in turn."""
    start = start or timezone.now() - timedelta(days=5)
    authors = cycle(users)
    rows = []
    for n in range(count):
        thread = n - n % len(THREAD_SHAPE)
        level, parent = THREAD_SHAPE[n % len(THREAD_SHAPE)]
        text = f"Comment number {n}: local officers I recognise make me feel safer. " * (1 + n % 3)
        rows.append((next(authors), text, start + timedelta(seconds=n), thread, level, thread + parent))
    return comments.bulk_create_threads(page, rows)
