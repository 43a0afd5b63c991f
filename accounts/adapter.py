from allauth.account.adapter import DefaultAccountAdapter

from home.tasks import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth renders the message; a background task delivers it.
        queue_email(self.render_mail(template_prefix, email, context))


def user_display(user):
    """Members are shown by pseudonym (hosts by their host name), never by email or username."""
    return user.profile.display_name
