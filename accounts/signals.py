from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import Signal, receiver

from .models import Profile

# Apps that hold a member's data answer these, so that accounts need not know
# about comments, registrations or survey answers.
#
# member_data_requested(sender, user): each receiver returns a dict of
# JSON-serialisable data for the member's export, such as {"comments": [...]}.
member_data_requested = Signal()

# member_deleting(sender, user): sent inside the deletion's transaction, before
# the user row goes. Receivers anonymise what must stay (comments read "a former
# member") and cancel what must not (event registrations). When a member deletes
# their own account it comes before Django collects the rows that cascade with
# the user; when an admin deletes a user it comes from pre_delete, after that.
member_deleting = Signal()


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def give_new_user_a_profile(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        Profile.create_for(instance)


# Pages show staff the Wagtail user bar. Asking on every page whether the
# member may use the admin costs two permission queries for the great many
# who may not, so it is asked once, at sign-in; the admin itself still checks
# every request.
MAY_USE_ADMIN = "may_use_admin"


@receiver(user_logged_in)
def remember_whether_member_may_use_admin(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[MAY_USE_ADMIN] = user.has_perm("wagtailadmin.access_admin")
