from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory
from consultations.models import ConsultationPage
from core.models import SiteSettings
from discussions.factories import CommentFactory, DiscussionPageFactory
from discussions.models import DiscussionPage


def test_discussion_page_lives_only_under_a_consultation(db):
    assert DiscussionPage.parent_page_types == ["consultations.ConsultationPage"]
    assert "discussions.DiscussionPage" in ConsultationPage.subpage_types
    assert DiscussionPage.allowed_parent_page_models() == [ConsultationPage]


def test_open_discussion_shows_prompts_hosts_header_and_safeguarding(client, discussion, alice):
    support = ConsultationPageFactory().get_parent().get_parent()
    settings_ = SiteSettings.for_site(discussion.get_site())
    settings_.support_page = support
    settings_.save()
    client.force_login(alice)
    html = client.get(discussion.url).content.decode()
    assert "What makes you trust the police?" in html
    assert "Alex from City Hall will join the discussion." in html
    assert f'href="{support.url}"' in html
    assert discussion.consultation.title in html
    assert "Open from" in html
    assert 'name="comment"' in html
    assert "Comments (0)" in html


def test_closed_discussion_says_when_it_ran_and_has_no_form(client, closed_discussion, alice):
    client.force_login(alice)
    html = client.get(closed_discussion.url).content.decode()
    consultation = closed_discussion.consultation
    assert "The discussion ran from" in html
    assert consultation.closes_at.strftime("%-d %B %Y") in html
    assert 'name="comment"' not in html


def test_visitors_are_invited_to_join_and_sign_in(client, discussion):
    html = client.get(discussion.url).content.decode()
    assert 'name="comment"' not in html
    assert "Already a member? Sign in" in html


def test_unverified_members_are_asked_to_verify(client, discussion):
    client.force_login(MemberFactory(email="new@example.com", unverified=True))
    html = client.get(discussion.url).content.decode()
    assert 'name="comment"' not in html
    assert "verify your email address" in html


class DiscussionPageEditorTests(WagtailPageTestCase):
    def setUp(self):
        self.consultation = ConsultationPageFactory()
        self.discussion = DiscussionPageFactory(parent=self.consultation)
        self.login()

    def test_editors_can_create_it_only_under_a_consultation(self):
        self.assertCanCreateAt(ConsultationPage, DiscussionPage)
        self.assertCanNotCreateAt(DiscussionPage, DiscussionPage)

    def test_editor_form_round_trips(self):
        self.assertCanCreate(self.consultation, DiscussionPage, editor_form_data())

    def test_renders_and_previews(self):
        self.assertPageIsRenderable(self.discussion)
        self.assertPageIsPreviewable(self.discussion, post_data=editor_form_data())

    def test_a_new_page_previews_before_it_is_saved(self):
        url = f"/admin/pages/add/discussions/discussionpage/{self.consultation.pk}/preview/"
        response = self.client.post(url, editor_form_data())
        self.assertEqual(response.json(), {"is_valid": True, "is_available": True})
        self.assertContains(self.client.get(url), "When do you avoid the park?")


def editor_form_data():
    return nested_form_data(
        {
            "title": "Safer parks",
            "slug": "safer-parks",
            "introduction": "Parks after dark.",
            "prompts": streamfield([("prompt", "When do you avoid the park?")]),
            "hosts_taking_part": "Dionne from City Hall will join in.",
            "safeguarding_notice": "Don't share personal details.",
        }
    )


def test_consultation_page_lists_its_discussions_with_comment_counts(client, discussion, alice):
    CommentFactory(page=discussion, user=alice)
    CommentFactory(page=discussion, user=alice, is_public=False)
    html = client.get(discussion.consultation.url).content.decode()
    assert f'<a href="{discussion.url}">{discussion.title}</a>' in html
    assert "1 comment" in html and "2 comments" not in html
