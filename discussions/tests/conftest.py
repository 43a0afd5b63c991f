import pytest

from discussions import factories


@pytest.fixture
def discussion(db):
    return factories.discussion()


@pytest.fixture
def closed_discussion(db):
    return factories.discussion(factories.consultation(title="Old plan", open=False), title="Closed talk")


@pytest.fixture
def alice(db):
    return factories.member("alice@example.com")


@pytest.fixture
def bob(db):
    return factories.member("bob@example.com")


@pytest.fixture
def host(db):
    return factories.member("alex@example.com", host_name="Alex", host_organisation="City Hall")


@pytest.fixture
def seasoned(settings):
    """Members past the first-comments rule, so only the other rules apply."""
    settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 0


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = factories.member("mo@example.com")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def form_data(client, page, **overrides):
    """The comment form's fields as the page renders them, plus any overrides."""
    from discussions.forms import DiscussionCommentForm

    form = DiscussionCommentForm(page)
    data = {name: form.initial[name] for name in ("content_type", "object_pk", "timestamp", "security_hash")}
    data.update({"reply_to": 0, "comment": "Street lights on the canal path would help a lot."})
    data.update(overrides)
    return data
