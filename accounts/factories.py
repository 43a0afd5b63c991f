"""Members for tests, the demo and the benchmarks."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone

PASSWORD = "a-long-test-password"


class MemberFactory(factory.django.DjangoModelFactory):
    """A member with a profile (and pseudonym) and a verified email address.

    ``unverified=True`` leaves the address unconfirmed; ``established=True`` makes
    the account three months old; profile fields go in as ``profile__area="Hackney"``.
    """

    username = factory.Sequence(lambda n: f"member-{n}")
    email = factory.Sequence(lambda n: f"member{n}@example.org")
    password = factory.django.Password(PASSWORD)

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    class Params:
        unverified = factory.Trait(email_address__verified=False)
        established = factory.Trait(
            date_joined=factory.LazyFunction(lambda: timezone.now() - timedelta(days=90))
        )

    @factory.post_generation
    def email_address(user, create, extracted, verified=True, **kwargs):
        if create:
            EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)

    @factory.post_generation
    def profile(user, create, extracted, **fields):
        """The profile comes from the signal that gives every new user one; set its fields."""
        if create and fields:
            for name, value in fields.items():
                setattr(user.profile, name, value)
            user.profile.save()


class HostFactory(MemberFactory):
    """Staff taking part under their own name, with their organisation."""

    profile__is_host = True
    profile__host_name = "Alex"
    profile__host_organisation = "City Hall"


def member_with_email(email, factory=MemberFactory, **fields):
    """The member with this email address, made the first time it is asked for (the demo's way)."""
    return get_user_model().objects.filter(email=email).first() or factory(email=email, **fields)
