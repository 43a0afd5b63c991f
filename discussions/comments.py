"""django-comments-xtd, behind one module: everything discussions needs from it.

xtd 2.10 is pinned. What this project relies on, each checked by
discussions/tests/test_comments_contract.py so that an upgrade fails there,
loudly, rather than somewhere else, quietly:

- ``Comment`` (xtd's XtdComment) is the comment model django_comments is
  set up with. A comment at the top of a thread has its own id as
  ``parent_id``; ``thread_id``, ``level`` and ``order`` place a reply in its
  thread, and saving a new comment works them out from ``parent_id``.
- Saving an existing comment runs xtd's pre_save handler, which copies the
  comment's visibility onto every reply beneath it. Here a removed comment's
  replies stay up, under a placeholder, so visibility only ever changes through
  ``set_visibility()``: an ``update()``, which sends no signal of Django's,
  followed by our own ``visibility_changed``.
- ``CommentForm`` (xtd's XtdCommentForm) signs what is being commented on
  (content type, object id, timestamp) in hidden fields with a security hash,
  and rejects a form whose signature does not match.
- ``Comment.get_absolute_url()`` points at the URL named
  "comments-url-redirect", which discussions.urls mounts.

Nothing here posts through xtd's views or signals: discussions.views checks,
moderates and saves each comment itself.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.dispatch import Signal
from django_comments.models import Comment as BaseComment
from django_comments_xtd.forms import XtdCommentForm as CommentForm
from django_comments_xtd.models import XtdComment as Comment

__all__ = ["SECURITY_FIELDS", "Comment", "CommentForm"]

SECURITY_FIELDS = ("content_type", "object_pk", "timestamp", "security_hash")

# Sent after set_visibility() with the ids of the comments it changed.
visibility_changed = Signal()


def max_thread_level():
    """How deep replies go: 0 is a comment, 1 a reply to it, and so on."""
    return settings.COMMENTS_XTD_MAX_THREAD_LEVEL


def is_reply(comment):
    return comment.parent_id not in (0, comment.pk)


def comments_on_model(model):
    """Every comment on an object of `model`."""
    return Comment.objects.filter(content_type=ContentType.objects.get_for_model(model))


def create(data):
    """Save a new comment from the fields a CommentForm's get_comment_create_data() gives.

    Saving works out the reply's place in its thread from its parent_id.
    """
    comment = Comment(**data)
    comment.save()
    return comment


def set_visibility(comment_ids, *, is_public=None, is_removed=None):
    """Publish, hide or remove these comments without touching their replies."""
    changes = {
        name: value
        for name, value in (("is_public", is_public), ("is_removed", is_removed))
        if value is not None
    }
    comment_ids = list(comment_ids)
    Comment.objects.filter(pk__in=comment_ids).update(**changes)
    visibility_changed.send(sender=Comment, comment_ids=comment_ids)


def bulk_create_threads(target, rows):
    """Insert many public comments fast, for benchmarks and tests of scale.

    `rows` are (user, text, submit_date, thread index, level, parent index)
    tuples in thread order, where the indexes count from the first row and a
    comment at level 0 is its own parent. XtdComment inherits from
    django_comments' Comment, which bulk_create cannot fill in one go: the
    Comment rows go in with bulk_create, the XtdComment rows follow in SQL.
    """
    content_type = ContentType.objects.get_for_model(target)
    with transaction.atomic():
        bases = BaseComment.objects.bulk_create(
            BaseComment(
                content_type=content_type,
                object_pk=str(target.pk),
                site_id=settings.SITE_ID,
                user=user,
                user_name=user.profile.display_name,
                comment=text,
                submit_date=submit_date,
                is_public=True,
            )
            for user, text, submit_date, _thread, _level, _parent in rows
        )
        order_in_thread = {}
        values = []
        for base, (_user, _text, _date, thread, level, parent) in zip(bases, rows, strict=True):
            order_in_thread[thread] = order_in_thread.get(thread, 0) + 1
            values.append(
                (base.pk, bases[thread].pk, bases[parent].pk, level, order_in_thread[thread], False, 0)
            )
        table = connection.ops.quote_name(Comment._meta.db_table)
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
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s)", values)
    if connection.vendor == "postgresql":
        # Planner statistics, as autovacuum would soon gather on a live database;
        # without them PostgreSQL plans the thread query for an empty table.
        with connection.cursor() as cursor:
            tables = f"{table}, {connection.ops.quote_name(BaseComment._meta.db_table)}"
            cursor.execute(f"ANALYZE {tables}")
    return len(bases)
