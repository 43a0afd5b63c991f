"""Pseudonyms: from the curated list, numbered when it runs out, unique under concurrent signups."""

import random
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection

from accounts import models as accounts_models
from accounts.models import Profile
from accounts.pseudonyms import ANIMALS, avatar_for, candidates

User = get_user_model()


def test_candidates_come_from_the_list_then_get_numbers():
    taken = set(ANIMALS[:-1])
    first, second = list(zip(range(2), candidates(taken, random.Random(1)), strict=False))
    assert first[1] == ANIMALS[-1]
    assert second[1].endswith(" 2") and second[1][:-2] in ANIMALS


def test_avatar_is_deterministic_and_uses_words_not_numbers():
    assert avatar_for("Amur leopard 3") == avatar_for("Amur leopard 3")
    assert avatar_for("Amur leopard 3")["initials"] == "AL"


@pytest.mark.django_db
def test_every_new_user_gets_a_pseudonym_from_the_list():
    user = User.objects.create_user("someone", "someone@example.org", "x")
    assert user.profile.pseudonym in ANIMALS


@pytest.mark.django_db
def test_re_roll_never_lands_on_a_taken_name():
    users = [User.objects.create_user(f"user{number}", password="x") for number in range(3)]
    profile = users[0].profile
    others = {user.profile.pseudonym for user in users[1:]}
    for _ in range(10):
        profile.reroll_pseudonym()
        assert profile.pseudonym not in others
    assert Profile.objects.values("pseudonym").distinct().count() == 3


@pytest.mark.postgres
@pytest.mark.usefixtures("transactional_db")
def test_concurrent_signups_each_get_a_unique_pseudonym(monkeypatch):
    """Every thread tries the same names in the same order, so they collide and must retry."""
    if connection.vendor != "postgresql":
        pytest.skip("Needs PostgreSQL: SQLite serialises writes, so nothing runs concurrently.")
    monkeypatch.setattr(
        accounts_models, "candidates", lambda taken: (name for name in ANIMALS if name not in taken)
    )
    signups = 8
    barrier = threading.Barrier(signups)
    errors = []

    def sign_up(number):
        try:
            barrier.wait(timeout=10)
            User.objects.create_user(f"concurrent{number}", f"concurrent{number}@example.org", "x")
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=(number,)) for number in range(signups)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    pseudonyms = list(Profile.objects.values_list("pseudonym", flat=True))
    assert len(pseudonyms) == signups
    assert sorted(pseudonyms) == sorted(ANIMALS[:signups])
