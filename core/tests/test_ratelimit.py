"""The site's one rate limiter, on top of allauth's."""

import threading

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from core import ratelimit

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_a_minute(settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "try_something": "3/m/user"}


@pytest.fixture
def make_user(django_user_model):
    names = iter(range(100))
    return lambda: django_user_model.objects.create_user(username=f"user-{next(names)}")


def post_by(user):
    request = RequestFactory().post("/somewhere/")
    request.user = user
    return request


@pytest.mark.usefixtures("three_a_minute")
def test_each_member_gets_the_rate_of_the_action(make_user):
    alice, bob = make_user(), make_user()
    assert [ratelimit.allows(post_by(alice), "try_something") for _ in range(4)] == [True, True, True, False]
    assert ratelimit.allows(post_by(bob), "try_something")


@pytest.mark.usefixtures("three_a_minute")
def test_a_refused_form_keeps_what_was_typed_and_says_why(make_user):
    class NoteForm(forms.Form):
        note = forms.CharField()

    member = make_user()
    for _ in range(3):
        ratelimit.allows(post_by(member), "try_something")
    form = NoteForm({"note": "Keep me"})
    assert not ratelimit.allows(post_by(member), "try_something", form=form)
    assert form.non_field_errors() == [ratelimit.WAIT_MESSAGE]
    assert form["note"].value() == "Keep me"


def test_actions_without_a_form_get_the_one_too_many_requests_page():
    request = post_by(AnonymousUser())
    response = ratelimit.too_many_requests(request)
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()


@pytest.mark.usefixtures("three_a_minute")
def test_simultaneous_requests_are_counted_one_after_another(make_user):
    member = make_user()
    start = threading.Barrier(20)
    results = []

    def attempt():
        start.wait()
        results.append(ratelimit.allows(post_by(member), "try_something"))

    threads = [threading.Thread(target=attempt) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 3
