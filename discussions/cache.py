"""Keep cached discussion pages (home/cache.py) in step with their comments.

Comments change state through queryset `update()` (see moderation.py), which
sends no signal, so moderation calls `purge_pages_of` itself; new comments and
likes are saved normally and caught by the receivers below. Purging waits for
the transaction to commit: a purge before it could let another reader's
request render, and cache, the old state.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django_comments_xtd.models import XtdComment
from wagtail.models import Page

from home import cache as page_cache

from .models import Reaction


def purge_pages_of(comment_ids):
    """Purge the pages (and their consultation, whose response count moves) showing these comments."""
    page_ids = {
        int(object_pk)
        for object_pk in XtdComment.objects.filter(pk__in=comment_ids).values_list("object_pk", flat=True)
    }
    if page_ids:
        transaction.on_commit(lambda: page_cache.purge_pages(Page.objects.filter(pk__in=page_ids)))


@receiver(post_save, sender=XtdComment, dispatch_uid="discussions_cache_comment_saved")
@receiver(post_delete, sender=XtdComment, dispatch_uid="discussions_cache_comment_deleted")
def purge_on_comment_change(sender, instance, **kwargs):
    purge_pages_of([instance.pk])


@receiver(post_save, sender=Reaction, dispatch_uid="discussions_cache_like_saved")
@receiver(post_delete, sender=Reaction, dispatch_uid="discussions_cache_like_deleted")
def purge_on_like(sender, instance, **kwargs):
    purge_pages_of([instance.comment_id])
