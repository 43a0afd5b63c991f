from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import get_user_model


class MemberBackend(AuthenticationBackend):
    """allauth's sign-in, loading a signed-in member with their profile in one query.

    Every page a member sees shows their pseudonym, so the profile is always needed.
    """

    def get_user(self, user_id):
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("profile").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
