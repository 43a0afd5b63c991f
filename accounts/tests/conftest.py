import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

PASSWORD = "correct-horse-battery-staple"


@pytest.fixture
def make_member(db):
    """A member with a password and an email address, verified unless asked otherwise."""

    def make(email="member@example.org", verified=True, **fields):
        user = get_user_model().objects.create_user(
            username=email.split("@")[0], email=email, password=PASSWORD, **fields
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=verified)
        return user

    return make


@pytest.fixture
def member(make_member):
    return make_member()


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client
