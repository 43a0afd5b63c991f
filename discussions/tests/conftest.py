import pytest

from accounts.factories import HostFactory, MemberFactory
from consultations.factories import ConsultationPageFactory
from discussions.comments import SECURITY_FIELDS
from discussions.factories import DiscussionPageFactory


@pytest.fixture
def discussion(db):
    return DiscussionPageFactory()


@pytest.fixture
def closed_discussion(db):
    return DiscussionPageFactory(
        parent=ConsultationPageFactory(title="Old plan", closed=True), title="Closed talk"
    )


@pytest.fixture
def alice(db):
    return MemberFactory(email="alice@example.com")


@pytest.fixture
def bob(db):
    return MemberFactory(email="bob@example.com")


@pytest.fixture
def host(db):
    return HostFactory(email="alex@example.com")


@pytest.fixture
def seasoned(settings):
    """Members past the first-comments rule, so only the other rules apply."""
    settings.DISCUSSIONS_PREMODERATE_FIRST_COMMENTS = 0


@pytest.fixture
def moderator(db):
    from django.contrib.auth.models import Group

    user = MemberFactory(email="mo@example.com")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def form_data(client, page, **overrides):
    """The comment form's fields as the page renders them, plus any overrides."""
    from discussions.forms import DiscussionCommentForm

    form = DiscussionCommentForm(page)
    data = {name: form.initial[name] for name in SECURITY_FIELDS}
    data.update({"reply_to": 0, "comment": "Street lights on the canal path would help a lot."})
    data.update(overrides)
    return data
