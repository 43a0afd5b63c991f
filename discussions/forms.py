from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.encoding import force_str

from core.forms import PublicFormMixin

from .comments import CommentForm
from .models import GuidelineBreach


class DiscussionCommentForm(PublicFormMixin, CommentForm):
    """The comment form (with its signed target) minus the name, email and link
    fields: members post as their profile, never a typed name.

    `reply_to` is the comment replied to, or 0 for a new comment. The main form
    and a reply form can share a page, so their fields' ids differ.
    """

    def __init__(self, target_object, data=None, *, user=None, reply_to=0, **kwargs):
        if data is not None:
            reply_to = data.get("reply_to") or 0
        try:
            self.replying_to = int(reply_to)
        except ValueError:
            self.replying_to = 0
        kwargs.setdefault("auto_id", f"reply-{self.replying_to}-%s" if self.replying_to else "new-%s")
        super().__init__(target_object, data, initial={"reply_to": self.replying_to}, **kwargs)
        self.user = user
        # Verified members only, so no honeypot: it would confuse screen reader users.
        for name in ("name", "email", "url", "followup", "honeypot"):
            del self.fields[name]
        comment = self.fields["comment"]
        comment.max_length = settings.COMMENT_MAX_LENGTH
        comment.widget = forms.Textarea(
            attrs={"rows": 4 if self.replying_to else 6, "maxlength": settings.COMMENT_MAX_LENGTH}
        )
        comment.error_messages = {"required": "Write your comment before you post it."}
        comment.validators = []
        if self.replying_to:
            comment.label = "Your reply"
            comment.help_text = f"Plain text, up to {settings.COMMENT_MAX_LENGTH:,} characters."
        else:
            comment.label = "Your comment"
            comment.help_text = (
                f"Plain text, up to {settings.COMMENT_MAX_LENGTH:,} characters. Leave a blank line between "
                "paragraphs. Don't include anything that could identify you or anyone else."
            )

    @property
    def is_reply(self):
        return bool(self.replying_to)

    @property
    def anchor(self):
        """The fragment the form posts to: the form, or its error summary once it has
        errors, which the browser then focuses and shows, even without JavaScript."""
        return f"reply-{self.replying_to}" if self.replying_to else "comment-form"

    def clean_comment(self):
        text = self.cleaned_data["comment"].strip()
        if not text:
            raise forms.ValidationError("Write your comment before you post it.")
        if len(text) > settings.COMMENT_MAX_LENGTH:
            raise forms.ValidationError(
                f"Your comment must be {settings.COMMENT_MAX_LENGTH:,} characters or fewer."
            )
        return text

    def clean_security_hash(self):
        try:
            return super().clean_security_hash()
        except forms.ValidationError:
            raise forms.ValidationError(
                "This form has been changed or is out of date. Reload the page and try again."
            ) from None

    def clean_timestamp(self):
        try:
            return super().clean_timestamp()
        except forms.ValidationError:
            raise forms.ValidationError(
                "This form is more than two hours old. Copy your comment, reload the page and post it again."
            ) from None

    def is_for(self, page):
        """Whether the signed target in the data is this page (a valid form from another page is not)."""
        content_type = ContentType.objects.get_for_model(page)
        return self.cleaned_data.get("content_type") == f"{content_type.app_label}.{content_type.model}" and (
            self.cleaned_data.get("object_pk") == force_str(page.pk)
        )

    def get_comment_create_data(self, site_id=None):
        user = self.user
        return {
            "content_type": ContentType.objects.get_for_model(self.target_object),
            "object_pk": force_str(self.target_object.pk),
            "content_object": self.target_object,
            "user": user,
            "user_name": user.profile.display_name[:50],
            "user_email": user.email,
            "user_url": "",
            "comment": self.cleaned_data["comment"],
            "submit_date": timezone.now(),
            "site_id": site_id or settings.SITE_ID,
            "is_public": True,
            "is_removed": False,
            "thread_id": 0,
            "level": 0,
            "order": 1,
            "parent_id": self.cleaned_data["reply_to"],
            "followup": False,
        }


class ReportForm(PublicFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Which of our community guidelines does it break?",
        choices=GuidelineBreach.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the guideline the comment breaks."},
    )


class RemovalForm(forms.Form):
    reason = forms.ChoiceField(
        label="Reason for removal",
        choices=[("", "Choose a reason")] + GuidelineBreach.choices,
        required=False,
    )
    note = forms.CharField(
        label="Note for the log", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
