"""The "My account" area. allauth's pages (sign in, password, email) share the /accounts/ prefix."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.ProfileView.as_view(), name="account_profile"),
    path("pseudonym/", views.RerollPseudonymView.as_view(), name="account_reroll_pseudonym"),
    path("emails/", views.EmailPreferencesView.as_view(), name="account_email_preferences"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="account_unsubscribe"),
    path("export/", views.ExportView.as_view(), name="account_export"),
    path("delete/", views.DeleteAccountView.as_view(), name="account_delete"),
    # Replaces allauth's view of the same name, so reverse() finds this one first.
    re_path(
        r"^confirm-email/(?P<key>[-:\w]+)/$", views.ConfirmEmailView.as_view(), name="account_confirm_email"
    ),
]
