import secrets

from allauth.account.adapter import DefaultAccountAdapter

from core.email import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix, email, context):
        # allauth renders the message; a background task delivers it.
        queue_email(self.render_mail(template_prefix, email, context))

    def populate_username(self, request, user):
        # allauth would build the username from the email address ("jane.smith"),
        # which other apps (comments) may copy or show. An opaque one reveals nothing.
        if not user.username:
            user.username = f"member-{secrets.token_hex(8)}"


def user_display(user):
    """Members are shown by pseudonym (hosts by their host name), never by email or username."""
    return user.profile.display_name
