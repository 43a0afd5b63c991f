"""A consultation's outcome quotes approved comments from its own discussions, through
the hook discussions registers (consultations.outcomes); and a closed consultation
leads readers to its discussion, which shows what was being discussed beside it."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from consultations.factories import ConsultationPageFactory, OutcomePageFactory
from consultations.models import OutcomePage
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.models import ModerationItem
from discussions.moderation import hold, remove
from tests.caching import cached_anonymous_copy

COMMITMENT = "Light every underpass by 2027."


@pytest.fixture
def consultation(db):
    return ConsultationPageFactory(
        closed=True,
        title="Safer streets",
        body=[
            ("key_commitments", {"heading": "Our commitments", "introduction": "", "items": [COMMITMENT]}),
            (
                "timeline",
                {
                    "heading": "Timeline",
                    "stages": [
                        {"label": "Policy published", "title": "The final plan", "state_override": ""}
                    ],
                },
            ),
        ],
    )


@pytest.fixture
def talk(consultation):
    return DiscussionPageFactory(parent=consultation, title="Streets at night")


def you_said(*references):
    return (
        "you_said",
        {
            "heading": "You said",
            "summary": "<p>Lighting, above all.</p>",
            "quotes": [{"comment": reference} for reference in references],
        },
    )


def test_a_quote_shows_the_comment_by_pseudonym_linked_to_it(client, talk, alice):
    comment = CommentFactory(page=talk, user=alice, text="The underpass is pitch black after 6pm.")
    outcome = OutcomePageFactory(parent=talk.get_parent(), body=[you_said(f"#c{comment.pk}")])
    html = client.get(outcome.url).content.decode()
    assert "The underpass is pitch black after 6pm." in html
    assert alice.profile.display_name in html
    assert f'href="{talk.url}#c{comment.pk}"' in html
    assert "1</strong> member took part online" in html
    assert "1</strong> comments in its discussions" in html


def test_a_quote_links_to_the_page_of_the_discussion_its_thread_is_on(client, talk, alice, settings):
    settings.DISCUSSIONS_THREADS_PER_PAGE = 2
    comments = [CommentFactory(page=talk, user=alice, text=f"Thread {n}") for n in range(5)]
    reply = CommentFactory(page=talk, user=alice, text="A reply on the last page", parent=comments[4])
    outcome = OutcomePageFactory(
        parent=talk.get_parent(), body=[you_said(f"c{reply.pk}", str(comments[1].pk))]
    )
    html = client.get(outcome.url).content.decode()
    assert f'href="{talk.url}?page=3#c{reply.pk}"' in html
    assert f'href="{talk.url}#c{comments[1].pk}"' in html
    # The link an editor copies from the discussion is the same reference.
    assert f'href="#c{reply.pk}"' in client.get(f"{talk.url}?page=3").content.decode()


def test_a_quote_whose_comment_is_removed_leaves_the_cached_outcome(
    client, talk, alice, moderator, page_cache, django_capture_on_commit_callbacks
):
    comment = CommentFactory(page=talk, user=alice, text="Quote me on the lighting.")
    outcome = OutcomePageFactory(parent=talk.get_parent(), body=[you_said(f"#c{comment.pk}")])
    assert "Quote me on the lighting." in cached_anonymous_copy(client, outcome.url)
    hold(comment, [])
    with django_capture_on_commit_callbacks(execute=True):
        remove(ModerationItem.objects.filter(comment=comment), moderator, "abuse")
    html = client.get(outcome.url).content.decode()
    assert "Quote me on the lighting." not in html
    assert "Lighting, above all." in html


class TestTheEditorRefusesQuotes:
    @pytest.fixture
    def editor_client(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("editor", "editor@example.com", "pw"))
        return client

    def post(self, client, consultation, reference):
        url = reverse("wagtailadmin_pages:add", args=["consultations", "outcomepage", consultation.pk])
        quotes = {"count": 1, "0": {"value": {"comment": reference}, "deleted": "", "order": 0, "id": ""}}
        body = [
            ("you_said", {"heading": "You said", "summary": rich_text("<p>Lighting.</p>"), "quotes": quotes})
        ]
        data = nested_form_data(
            {
                "title": "What we heard",
                "slug": "what-we-heard",
                "summary": "We will light every underpass.",
                "introduction": "",
                "body": streamfield(body),
                "action-publish": "publish",
            }
        )
        return client.post(url, data)

    def test_an_approved_comment_from_this_consultation_is_accepted(self, editor_client, talk, alice):
        comment = CommentFactory(page=talk, user=alice)
        response = self.post(editor_client, talk.get_parent(), f"https://hub.example/x/#c{comment.pk}")
        assert response.status_code == 302
        assert OutcomePage.objects.get().live

    @pytest.mark.parametrize(
        "state, message",
        [
            ("held", "has not been approved by a moderator, so it cannot be quoted yet."),
            ("removed", "was removed by a moderator, so it cannot be quoted."),
            ("elsewhere", "is in another consultation's discussion."),
            ("missing", "There is no comment #c"),
            ("nonsense", "Give the comment's number or link, such as #c123."),
        ],
    )
    def test_a_comment_that_may_not_be_quoted_is_refused_with_a_clear_message(
        self, editor_client, talk, alice, state, message
    ):
        other = DiscussionPageFactory(parent=ConsultationPageFactory(closed=True))
        comment = CommentFactory(
            page=other if state == "elsewhere" else talk,
            user=alice,
            is_public=state != "held",
            is_removed=state == "removed",
        )
        reference = {"missing": "#c999999", "nonsense": "the good one"}.get(state, f"#c{comment.pk}")
        response = self.post(editor_client, talk.get_parent(), reference)
        assert response.status_code == 200
        html = response.content.decode()
        assert message.replace("'", "&#x27;") in html or message in html
        # Nothing the editor typed is lost.
        assert "We will light every underpass." in html
        assert not OutcomePage.objects.exists()


def test_a_closed_consultation_links_to_its_discussion_read_only(client, talk, alice):
    CommentFactory(page=talk, user=alice)
    CommentFactory(page=talk, user=alice)
    html = client.get(talk.get_parent().url).content.decode()
    assert "Read the discussion (2 comments)" in html
    assert "Join the discussion" not in html


def test_an_open_consultation_invites_members_to_join_its_discussion_near_the_top(client, alice):
    talk = DiscussionPageFactory()
    CommentFactory(page=talk, user=alice)
    html = client.get(talk.get_parent().url).content.decode()
    assert html.index("Join the discussion (1 comment)") < html.index('class="stream"')


def test_the_discussion_shows_the_key_commitments_and_timeline_beside_the_comments(
    client, talk, alice, django_assert_max_num_queries
):
    CommentFactory(page=talk, user=alice, text="Lights, please.")
    outcome = OutcomePageFactory(parent=talk.get_parent())
    # Once per process: site settings row, content types and site root paths are cached.
    client.get(talk.url)
    with django_assert_max_num_queries(20):
        html = client.get(talk.url).content.decode()
    aside = html.split('<aside class="discussion-context"')[1].split("</aside>")[0]
    assert COMMITMENT in aside
    assert "The final plan" in aside
    assert f'href="{outcome.url}"' in aside
    assert html.index("Lights, please.") < html.index('<aside class="discussion-context"')
