"""Our versions of allauth's forms, and the forms of the "My account" area.

The allauth subclasses only tidy what people see (labels, hints, no
placeholders) and reject oversized input with a clear message before it reaches
password hashing or the database.
"""

from allauth.account import forms as allauth_forms
from allauth.account.adapter import get_adapter
from django import forms
from django.contrib.auth.hashers import make_password
from django.core.validators import MaxLengthValidator
from django.db import transaction
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from core import ratelimit
from core.forms import PublicFormMixin

from .email_preferences import ALL, email_kinds, set_wanted, stopped_kinds
from .models import Profile

# The longest address the user table stores (RFC 5321's limit).
EMAIL_MAX_LENGTH = 254
PASSWORD_MAX_LENGTH = 128
PASSWORD_HINT = (
    "At least 8 characters. Avoid common passwords, passwords made only of numbers "
    "and passwords like your email address."
)


class AccountFormMixin(PublicFormMixin):
    """Plain labels and hints, and a length limit on every email and password field."""

    labels = {}
    hints = {}
    # What to do, said for each field, rather than "This field is required."
    when_empty = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.hints:
                field.help_text = self.hints[name]
            if name in self.when_empty:
                field.error_messages["required"] = self.when_empty[name]
            if isinstance(field, forms.EmailField):
                self._limit(field, EMAIL_MAX_LENGTH, "Email addresses can be at most {} characters long.")
            elif isinstance(field.widget, forms.PasswordInput):
                self._limit(field, PASSWORD_MAX_LENGTH, "Passwords can be at most {} characters long.")

    @staticmethod
    def _limit(field, limit, message):
        field.max_length = limit
        field.widget.attrs["maxlength"] = str(limit)
        field.validators.append(MaxLengthValidator(limit, message=message.format(limit)))


class SignupForm(AccountFormMixin, allauth_forms.SignupForm):
    HONEYPOT = "website"

    labels = {
        "email": "Email address",
        "password1": "Create a password",
        "password2": "Type the password again",
    }
    hints = {
        "email": "We send a link to this address to check it is yours. It is never shown on the site.",
        "password1": PASSWORD_HINT,
    }
    when_empty = {
        "email": "Enter your email address.",
        "password1": "Create a password.",
        "password2": "Type your password again.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # allauth hides the honeypot with an inline style; our stylesheet hides
        # its wrapper instead, so a content security policy can forbid inline styles.
        honeypot = self.fields["website"]
        honeypot.label = "Leave this field empty"
        honeypot.widget.attrs.pop("style", None)
        honeypot.widget.attrs["autocomplete"] = "off"

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]

    def get_context(self):
        # The template places the honeypot itself, inside a wrapper the stylesheet hides.
        context = super().get_context()
        context["fields"] = [
            (field, errors) for field, errors in context["fields"] if field.name != self.HONEYPOT
        ]
        return context

    def try_save(self, request):
        if self.account_already_exists:
            # A new account's password is hashed, which takes most of the time a
            # sign-up takes; hashing this one too (and dropping it) keeps an
            # existing address from answering measurably faster.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)

    def save(self, request):
        # The user, their profile and their email address are created together or not at all.
        with transaction.atomic():
            return super().save(request)


class LoginForm(AccountFormMixin, allauth_forms.LoginForm):
    labels = {"login": "Email address", "remember": "Keep me signed in on this device"}
    # The template links to the reset page; allauth's hint is HTML.
    hints = {"password": ""}
    when_empty = {"login": "Enter your email address.", "password": "Enter your password."}


class AdminLoginForm(WagtailLoginForm):
    """The Wagtail admin's sign-in (WAGTAILADMIN_USER_LOGIN_FORM), throttled like the site's.

    Wrong passwords count against allauth's ``login_failed`` limits (per
    address, and per account tried), and every attempt against ``login``. Only
    people with access to the admin (staff roles, superusers) sign in here: a
    member, verified or not, gets the same answer as a wrong password, so this
    form neither lets them skip the site's email verification nor confirms
    their password.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        if not ratelimit.allows(self.request, "login"):
            raise forms.ValidationError(ratelimit.WAIT_MESSAGE, code="too_many_login_attempts")
        # allauth's authenticate counts the attempt against the limits first,
        # and forgets it again if the password was right.
        self.user_cache = get_adapter(self.request).authenticate(
            self.request, username=username, password=password
        )
        if self.user_cache is None:
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise self.get_invalid_login_error()


class ResetPasswordForm(AccountFormMixin, allauth_forms.ResetPasswordForm):
    labels = {"email": "Email address"}
    when_empty = {"email": "Enter the email address you joined with."}


class ResetPasswordKeyForm(AccountFormMixin, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Type the new password again"}
    hints = {"password1": PASSWORD_HINT}
    when_empty = {"password1": "Create a new password.", "password2": "Type the new password again."}


class ChangePasswordForm(AccountFormMixin, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Type the new password again",
    }
    hints = {"oldpassword": "", "password1": PASSWORD_HINT}


class SetPasswordForm(AccountFormMixin, allauth_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Type the password again"}
    hints = {"password1": PASSWORD_HINT}


class AddEmailForm(AccountFormMixin, allauth_forms.AddEmailForm):
    labels = {"email": "New email address"}


class ProfileQuestionsForm(PublicFormMixin, forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ["area", "age_band"]:
            self.fields[name].choices = [("", "Not answered"), *self.fields[name].choices[1:]]

    class Meta:
        model = Profile
        fields = ["area", "age_band"]
        labels = {"area": "Where do you live?", "age_band": "How old are you?"}
        help_texts = {
            "area": "Used only to count responses by area. Never shown next to your name.",
            "age_band": "Used only to count responses by age. Never shown next to your name.",
        }


class DeleteAccountForm(PublicFormMixin, forms.Form):
    """Asks for the password, or for a typed phrase when the member has none."""

    CONFIRMATION_PHRASE = "delete my account"

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label="Your password",
                strip=False,
                max_length=PASSWORD_MAX_LENGTH,
                widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
            )
        else:
            self.fields["confirmation"] = forms.CharField(
                label=f"Type “{self.CONFIRMATION_PHRASE}” to confirm",
                max_length=len(self.CONFIRMATION_PHRASE) + 20,
            )

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password. Your account has not been deleted.")
        return password

    def clean_confirmation(self):
        confirmation = self.cleaned_data["confirmation"]
        if confirmation.strip().lower() != self.CONFIRMATION_PHRASE:
            raise forms.ValidationError(f"Type “{self.CONFIRMATION_PHRASE}” exactly to delete your account.")
        return confirmation


class EmailPreferencesForm(PublicFormMixin, forms.Form):
    """One switch per kind of email a member may stop, and one to stop them all."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        stopped = stopped_kinds(user)
        for kind in email_kinds():
            self.fields[kind.name] = forms.BooleanField(
                label=kind.label, required=False, initial=kind.name not in stopped
            )
        self.fields[ALL] = forms.BooleanField(
            label="Stop all these emails",
            required=False,
            initial=ALL in stopped,
            help_text="You will still get emails about your account and your event places.",
        )

    def save(self):
        for name, value in self.cleaned_data.items():
            set_wanted(self.user, name, not value if name == ALL else value)
