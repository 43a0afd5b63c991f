"""What happens to a member's comments when they export their data or delete their account,
and the consultation a member follows by commenting on it."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts.signals import member_data_requested, member_deleting
from consultations.follows import took_part
from consultations.models import ConsultationPage

from .cache import purge_pages_of
from .comments import Comment, is_reply


@receiver(member_data_requested)
def export_comments(sender, user, **kwargs):
    comments = Comment.objects.filter(user=user).order_by("submit_date")
    return {
        "comments": [
            {
                "page": str(comment.content_object) if comment.content_object else None,
                "posted_at": comment.submit_date.isoformat(),
                "text": comment.comment,
                "published": comment.is_public and not comment.is_removed,
                "is_reply": is_reply(comment),
            }
            for comment in comments.prefetch_related("content_object")
        ]
    }


@receiver(member_deleting)
def anonymise_comments(sender, user, **kwargs):
    """The words stay in the discussion, credited to "a former member"; nothing points back to the person."""
    comments = Comment.objects.filter(user=user)
    purge_pages_of(list(comments.values_list("pk", flat=True)))
    comments.update(user=None, user_name="", user_email="", user_url="", ip_address=None)


@receiver(post_save, sender=Comment, dispatch_uid="discussions_comment_takes_part")
def commenting_takes_part(sender, instance, created, **kwargs):
    if created and instance.user_id and instance.content_object:
        consultation = ConsultationPage.objects.parent_of(instance.content_object).first()
        if consultation:
            took_part.send(sender=sender, user=instance.user, consultation=consultation)
