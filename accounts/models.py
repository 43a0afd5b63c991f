from itertools import islice

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.functional import cached_property

from .pseudonyms import avatar_for, candidates


class ProfileQuerySet(models.QuerySet):
    def taken_pseudonyms(self):
        return set(self.values_list("pseudonym", flat=True))


PREFER_NOT_TO_SAY = "prefer-not", "Prefer not to say"

LONDON_BOROUGHS = [
    "Barking and Dagenham",
    "Barnet",
    "Bexley",
    "Brent",
    "Bromley",
    "Camden",
    "City of London",
    "Croydon",
    "Ealing",
    "Enfield",
    "Greenwich",
    "Hackney",
    "Hammersmith and Fulham",
    "Haringey",
    "Harrow",
    "Havering",
    "Hillingdon",
    "Hounslow",
    "Islington",
    "Kensington and Chelsea",
    "Kingston upon Thames",
    "Lambeth",
    "Lewisham",
    "Merton",
    "Newham",
    "Redbridge",
    "Richmond upon Thames",
    "Southwark",
    "Sutton",
    "Tower Hamlets",
    "Waltham Forest",
    "Wandsworth",
    "Westminster",
]
AREA_CHOICES = [(borough, borough) for borough in LONDON_BOROUGHS] + [
    ("outside-london", "Outside London"),
    PREFER_NOT_TO_SAY,
]


class Profile(models.Model):
    """What the site shows of a person, and the choices they have made."""

    class AgeBand(models.TextChoices):
        UNDER_18 = "under-18", "Under 18"
        FROM_18_TO_24 = "18-24", "18 to 24"
        FROM_25_TO_34 = "25-34", "25 to 34"
        FROM_35_TO_44 = "35-44", "35 to 44"
        FROM_45_TO_54 = "45-54", "45 to 54"
        FROM_55_TO_64 = "55-64", "55 to 64"
        OVER_65 = "65+", "65 or over"
        PREFER_NOT_TO_SAY = PREFER_NOT_TO_SAY

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    pseudonym = models.CharField(max_length=60, unique=True)

    # Staff who take part in discussions under their own first name.
    is_host = models.BooleanField(
        default=False,
        help_text="Show this person's comments under their name and organisation, marked as official.",
    )
    host_name = models.CharField(max_length=60, blank=True, help_text='A first name, such as "Alex".')
    host_organisation = models.CharField(max_length=80, blank=True, help_text='Such as "City Hall".')

    # Optional questions, used only in aggregated reports.
    area = models.CharField(
        max_length=80, blank=True, choices=AREA_CHOICES, help_text="Your borough or area."
    )
    age_band = models.CharField(max_length=20, blank=True, choices=AgeBand.choices)

    objects = ProfileQuerySet.as_manager()

    def __str__(self):
        return self.display_name

    def clean(self):
        if self.is_host and not self.host_name:
            raise ValidationError({"host_name": "A host needs a name to appear under."})

    @property
    def display_name(self):
        if self.is_host and self.host_name:
            return self.host_name
        return self.pseudonym

    @cached_property
    def avatar(self):
        return avatar_for(self.display_name)

    @classmethod
    def create_for(cls, user):
        """Create the profile with a free pseudonym, even if others sign up at the same moment."""
        return cls._save_with_free_pseudonym(cls(user=user))

    def reroll_pseudonym(self):
        return self._save_with_free_pseudonym(self)

    @classmethod
    def _save_with_free_pseudonym(cls, profile, attempts=20):
        taken = cls.objects.taken_pseudonyms()
        for pseudonym in islice(candidates(taken), attempts):
            profile.pseudonym = pseudonym
            try:
                # A savepoint, so a clash with a concurrent signup can be retried.
                with transaction.atomic():
                    profile.save()
                return profile
            except IntegrityError:
                continue
        raise IntegrityError("Could not find a free pseudonym.")


class EmailOptOut(models.Model):
    """A kind of email (accounts.email_preferences) a member has stopped; "all" stops every kind."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_opt_outs"
    )
    kind = models.CharField(max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_opt_out_per_kind")]

    def __str__(self):
        return f"{self.kind} stopped"


class Announcement(models.Model):
    """One email to everyone in a set of members, sent once (accounts.announcements)."""

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=40)
    audience = models.CharField(max_length=60)
    audience_arguments = models.JSONField(default=dict)
    template_prefix = models.CharField(max_length=120)
    context = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when a batch finishes; a sweep resumes announcements that stopped moving.
    progressed_at = models.DateTimeField(auto_now_add=True)
    # While in the future, one batch is sending and no other may start.
    lease_until = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.key


class AnnouncementDelivery(models.Model):
    """A member an announcement was sent to; at most one per member."""

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["announcement", "user"], name="one_delivery_per_member")
        ]

    def __str__(self):
        return f"{self.announcement} to {self.user_id}"
