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


LOAD_BALANCER = "10.0.0.2"


def through_the_load_balancer(forwarded_for, user=None):
    """A request as the load balancer passes it on: it appends the address it saw."""
    request = RequestFactory().post(
        "/somewhere/", REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR=forwarded_for
    )
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def behind_one_proxy(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "try_something": "3/m/ip"}


@pytest.mark.usefixtures("behind_one_proxy")
def test_two_clients_behind_one_load_balancer_are_limited_separately():
    assert [
        ratelimit.allows(through_the_load_balancer("203.0.113.7"), "try_something") for _ in range(4)
    ] == [
        True,
        True,
        True,
        False,
    ]
    assert ratelimit.allows(through_the_load_balancer("198.51.100.9"), "try_something")
    assert ratelimit.client_ip(through_the_load_balancer("198.51.100.9")) == "198.51.100.9"


@pytest.mark.usefixtures("behind_one_proxy")
def test_a_client_cannot_spoof_its_way_out_by_writing_its_own_forwarded_for():
    # The client writes a fresh address each time; the load balancer appends the real one.
    spoofed = [through_the_load_balancer(f"192.0.2.{n}, 203.0.113.7") for n in range(4)]
    assert [ratelimit.allows(request, "try_something") for request in spoofed] == [True, True, True, False]
    assert ratelimit.client_ip(spoofed[0]) == "203.0.113.7"


def test_sign_in_limits_count_each_client_behind_the_load_balancer(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/m/ip"}

    def wrong_password(forwarded_for, number):
        return client.post(
            "/accounts/login/",
            {"login": f"someone{number}@example.org", "password": "wrong"},
            REMOTE_ADDR=LOAD_BALANCER,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        ).content.decode()

    for number in range(3):
        wrong_password(f"192.0.2.{number}, 203.0.113.7", number)
    assert "Too many failed login attempts" in wrong_password("192.0.2.99, 203.0.113.7", 99)
    assert "Too many failed login attempts" not in wrong_password("198.51.100.9", 100)
