"""Keep cached discussion pages (core/cache.py) in step with their comments.

New comments and likes are saved normally and caught by Django's signals; a
comment published, hidden or removed sends comments.visibility_changed. Purging
waits for the transaction to commit: a purge before it could let another
reader's request render, and cache, the old state.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page

from consultations.models import OutcomePage
from core import cache as page_cache

from .comments import Comment, visibility_changed
from .models import Reaction


def purge_pages_of(comment_ids):
    """Purge the pages showing these comments: their discussions, their consultation (whose
    response count moves) and its outcome (which may quote them)."""
    page_ids = {
        int(object_pk)
        for object_pk in Comment.objects.filter(pk__in=comment_ids).values_list("object_pk", flat=True)
    }
    if page_ids:
        transaction.on_commit(lambda: page_cache.purge_pages(pages_showing(page_ids)))


def pages_showing(discussion_ids):
    discussions = list(Page.objects.filter(pk__in=discussion_ids))
    outcomes = [
        outcome for discussion in discussions for outcome in OutcomePage.objects.sibling_of(discussion)
    ]
    return discussions + outcomes


@receiver(post_save, sender=Comment, dispatch_uid="discussions_cache_comment_saved")
@receiver(post_delete, sender=Comment, dispatch_uid="discussions_cache_comment_deleted")
def purge_on_comment_change(sender, instance, **kwargs):
    purge_pages_of([instance.pk])


@receiver(visibility_changed, dispatch_uid="discussions_cache_visibility_changed")
def purge_on_visibility_change(sender, comment_ids, **kwargs):
    purge_pages_of(comment_ids)


@receiver(post_save, sender=Reaction, dispatch_uid="discussions_cache_like_saved")
@receiver(post_delete, sender=Reaction, dispatch_uid="discussions_cache_like_deleted")
def purge_on_like(sender, instance, **kwargs):
    purge_pages_of([instance.comment_id])
