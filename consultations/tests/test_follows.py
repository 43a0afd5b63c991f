"""Following a consultation or a topic from its page, and in My account."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory, TopicFactory
from consultations.follows import follow, follows, follows_topic, took_part
from consultations.models import Follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def consultation(consultation_index):
    return ConsultationPageFactory(parent=consultation_index, topic=TopicFactory(name="Transport"))


def follow_url(consultation):
    return reverse("consultation_follow", args=[consultation.pk])


def test_a_member_follows_from_the_page_without_javascript_and_twice_is_harmless(
    member_client, member, consultation
):
    page = member_client.get(consultation.url).content.decode()
    assert "Follow this consultation" in page and 'name="csrfmiddlewaretoken"' in page

    for _ in range(2):
        response = member_client.post(
            follow_url(consultation), {"action": "follow", "next": consultation.url}
        )
        assert response.status_code == 302 and response.url == consultation.url
    assert Follow.objects.filter(user=member).count() == 1
    page = member_client.get(consultation.url).content.decode()
    assert "Stop following" in page and "You follow “" in page

    member_client.post(follow_url(consultation), {"action": "unfollow"})
    assert not follows(member, consultation)


def test_a_topic_is_followed_from_a_consultation_on_it(member_client, member, consultation):
    response = member_client.post(
        reverse("topic_follow", args=[consultation.topic.pk]), {"action": "follow", "next": consultation.url}
    )
    assert response.url == consultation.url
    assert follows_topic(member, consultation.topic)
    assert "Stop following Transport" in member_client.get(consultation.url).content.decode()


def test_signed_out_readers_are_asked_to_sign_in_and_come_back(client, consultation):
    page = client.get(consultation.url).content.decode()
    assert f"{reverse('account_login')}?next={consultation.url}" in page
    response = client.post(follow_url(consultation), {"action": "follow"})
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not Follow.objects.exists()


def test_coming_back_from_signing_in_shows_the_page(member_client, consultation):
    response = member_client.get(follow_url(consultation))
    assert response.status_code == 302 and response.url == consultation.url


def test_an_unverified_member_is_asked_to_verify_first(client, consultation):
    client.force_login(MemberFactory(unverified=True))
    assert client.post(follow_url(consultation), {"action": "follow"}).status_code == 403
    assert not Follow.objects.exists()


def test_the_way_back_never_leads_off_the_site(member_client, consultation):
    response = member_client.post(
        follow_url(consultation), {"action": "follow", "next": "https://evil.example/"}
    )
    assert response.url == consultation.url


@pytest.mark.parametrize("kind", ["upcoming", "closed"])
def test_an_upcoming_consultation_offers_to_tell_when_it_opens_and_a_closed_one_its_outcome(
    member_client, member, consultation_index, kind
):
    consultation = ConsultationPageFactory(parent=consultation_index, **{kind: True})
    page = member_client.get(consultation.url).content.decode()
    assert ("Tell me when it opens" in page) == (kind == "upcoming")
    response = member_client.post(follow_url(consultation), {"action": "follow"}, follow=True)
    expected = "when “" if kind == "upcoming" else "its outcome"
    assert expected in response.content.decode()
    assert follows(member, consultation)
    if kind == "closed":
        assert "we will email you its outcome" in response.content.decode()


def test_the_cached_page_never_shows_one_members_button_to_others(page_cache, consultation):
    anonymous = Client()
    assert "Sign in to follow" in anonymous.get(consultation.url).content.decode()  # now cached
    reader = Client()
    reader.force_login(MemberFactory())
    reader.post(follow_url(consultation), {"action": "follow"})
    assert "Stop following" in reader.get(consultation.url).content.decode()

    response = anonymous.get(consultation.url)
    assert response["X-Page-Cache"] == "hit"
    assert "Stop following" not in response.content.decode()
    other = Client()
    other.force_login(MemberFactory())
    assert "Follow this consultation" in other.get(consultation.url).content.decode()


def test_my_account_lists_what_i_follow_and_unfollows(member_client, member, consultation):
    follow(member, consultation)
    member_client.post(reverse("topic_follow", args=[consultation.topic.pk]), {"action": "follow"})
    page = member_client.get(reverse("account_profile")).content.decode()
    assert consultation.title in page and "New consultations on Transport" in page
    assert "What came of consultations I took part in or follow" in page

    response = member_client.post(
        follow_url(consultation), {"action": "unfollow", "next": reverse("account_profile")}
    )
    assert response.url == reverse("account_profile")
    assert not follows(member, consultation)


def test_taking_part_follows_unless_the_member_said_no(member_client, member, consultation):
    took_part.send(sender=None, user=member, consultation=consultation)
    assert follows(member, consultation)

    Follow.objects.all().delete()
    member_client.post(reverse("follow_when_taking_part"), {})
    took_part.send(sender=None, user=member, consultation=consultation)
    assert not follows(member, consultation)
    member_client.post(reverse("follow_when_taking_part"), {"follow": "on"})
    took_part.send(sender=None, user=member, consultation=consultation)
    assert follows(member, consultation)


def test_the_signed_in_page_with_its_buttons_stays_within_the_bound(
    member_client, consultation, django_assert_max_num_queries
):
    member_client.get(consultation.url)
    with django_assert_max_num_queries(20):
        member_client.get(consultation.url)


def test_an_export_lists_what_a_member_follows(member_client, member, consultation):
    follow(member, consultation)
    exported = member_client.post(reverse("account_export")).json()
    assert [item["consultation"] for item in exported["following"]] == [consultation.title]
    assert exported["follow_when_taking_part"] is True
