import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission

from accounts.factories import MemberFactory
from consultations.factories import ConsultationPageFactory
from surveys.factories import SurveyPageFactory, SurveyResponseFactory
from surveys.models import SurveyResponse
from surveys.results import MIN_GROUP_SIZE, breakdown_groups, responses_per_day, summarise

pytestmark = pytest.mark.django_db


def answers(safe="Safe", places=("Streets",), agree=4, years="10", **more):
    return {
        "your_neighbourhood": "Somewhere",
        "how_safe_do_you_feel": safe,
        "places_to_improve": list(places),
        "the_priorities_are_right": agree,
        "years_lived_here": years,
        **more,
    }


@pytest.fixture
def survey():
    return SurveyPageFactory()


@pytest.fixture
def editor(client):
    """Staff who can use the admin, but may edit only the pages they are given."""
    user = MemberFactory(email="editor@example.com")
    team, _ = Group.objects.get_or_create(name="Community safety team")
    team.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(team)
    client.force_login(user)
    return user


def give_editors_the_consultation(survey):
    team = Group.objects.get(name="Community safety team")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=team, page=survey.consultation, permission=Permission.objects.get(codename=codename)
        )


class TestSummaries:
    def test_counts_percentages_and_averages(self, survey):
        rows = [
            answers(safe="Safe", places=["Streets", "Buses"], agree=5, years="10"),
            answers(safe="Safe", places=["Streets"], agree=4, years="20"),
            answers(safe="Unsafe", places=[], agree=1, years=None),
            answers(safe="Safe", places=["Parks"], agree=3, years="3.5"),
        ]
        summaries = {summary.question.label: summary for summary in summarise(survey.get_form_fields(), rows)}

        safe = summaries["How safe do you feel"]
        assert [(option.label, option.count, option.percent) for option in safe.options] == [
            ("Safe", 3, 75.0),
            ("Unsafe", 1, 25.0),
            ("Don't know", 0, 0.0),
        ]
        places = summaries["Places to improve"]
        assert places.answered == 3
        assert [(option.label, option.count) for option in places.options] == [
            ("Streets", 2),
            ("Parks", 1),
            ("Buses", 1),
        ]
        agreement = summaries["The priorities are right"]
        assert agreement.average == pytest.approx(3.25)
        assert [option.count for option in agreement.options] == [1, 0, 1, 1, 1]
        assert agreement.options[0].label == "Strongly disagree"
        assert summaries["Years lived here"].average == pytest.approx(11.1666, abs=1e-3)
        assert summaries["Years lived here"].answered == 3
        assert (
            summaries["Your neighbourhood"].answered == 4 and not summaries["Your neighbourhood"].has_options
        )

    def test_no_responses(self, survey):
        summaries = summarise(survey.get_form_fields(), [])
        assert all(summary.answered == 0 and summary.average is None for summary in summaries)

    def test_per_day_includes_quiet_days(self):
        day = timezone.now().replace(hour=12)
        per_day = responses_per_day([day, day, day + timedelta(days=2)])
        assert [count for _, count in per_day] == [2, 0, 1]


class TestSmallGroupSuppression:
    def responses(self, area_sizes):
        rows = []
        for area, size in area_sizes.items():
            rows += [{"area": area, "age_band": "25-34", "form_data": answers()} for _ in range(size)]
        return rows

    def test_groups_under_ten_carry_no_figures(self, survey):
        groups = {
            group.label: group
            for group in breakdown_groups(
                "area",
                survey.get_form_fields(),
                self.responses({"Hackney": MIN_GROUP_SIZE, "Camden": 9, "": 1}),
            )
        }
        assert not groups["Hackney"].suppressed and groups["Hackney"].summaries
        assert groups["Camden"].suppressed and groups["Camden"].summaries == []
        assert groups["Not given"].suppressed and groups["Not given"].summaries == []

    def hidden(self, survey, area_sizes):
        groups = breakdown_groups("area", survey.get_form_fields(), self.responses(area_sizes))
        return {group.label for group in groups if group.suppressed}

    def test_a_lone_small_group_hides_the_next_smallest_so_it_cannot_be_subtracted_out(self, survey):
        # The survey's total less Hackney and Camden would otherwise be Islington's figures.
        assert self.hidden(survey, {"Hackney": 30, "Camden": 12, "Islington": 4}) == {"Islington", "Camden"}

    def test_small_groups_that_together_reach_the_minimum_hide_nothing_more(self, survey):
        assert self.hidden(survey, {"Hackney": 30, "Camden": 6, "Islington": 4}) == {"Camden", "Islington"}
        assert self.hidden(survey, {"Hackney": 30, "Camden": 12}) == set()

    def test_with_one_small_group_beside_one_other_both_are_hidden(self, survey):
        assert self.hidden(survey, {"Hackney": 30, "Camden": 3}) == {"Hackney", "Camden"}

    def test_age_bands_are_labelled(self, survey):
        rows = [{"area": "", "age_band": "65+", "form_data": answers()}] * 12
        [group] = breakdown_groups("age_band", survey.get_form_fields(), rows)
        assert group.label == "65 or over" and group.size == 12

    def test_results_page_never_shows_a_small_groups_figures(self, client, editor, survey):
        give_editors_the_consultation(survey)
        for number in range(12):
            SurveyResponseFactory(
                page=survey,
                respondent=MemberFactory(email=f"h{number}@example.com"),
                area="Hackney",
                form_data={**answers(safe="Safe")},
            )
        for number in range(3):
            SurveyResponseFactory(
                page=survey,
                respondent=MemberFactory(email=f"c{number}@example.com"),
                area="Camden",
                form_data={**answers(safe="Unsafe", agree=1)},
            )
        html = client.get(reverse("surveys:results", args=[survey.pk]), {"by": "area"}).content.decode()
        assert "Area: Hackney, 12 responses" in html
        assert "Area: Camden, fewer than 10 responses" in html
        # Hackney's figures with the survey's totals would give Camden's.
        assert "they would reveal the figures of the small groups" in html
        # Groups are in alphabetical order: Camden's section ends where Hackney's begins.
        camden = html[html.index("Area: Camden") : html.index("Area: Hackney")]
        assert "<table" not in camden and "Average" not in camden
        assert "Area: Camden, 3" not in html


class TestResultsPage:
    def test_editor_sees_counts_summaries_and_links(
        self, client, editor, survey, django_assert_max_num_queries
    ):
        give_editors_the_consultation(survey)
        for number in range(25):
            SurveyResponseFactory(
                page=survey, respondent=MemberFactory(email=f"m{number}@example.com"), form_data={**answers()}
            )
        url = reverse("surveys:results", args=[survey.pk])
        client.get(url)
        with django_assert_max_num_queries(20):
            response = client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "25 responses" in html
        assert "Responses per day" in html
        assert "How safe do you feel" in html and "100%" in html
        assert "Average: <strong>4.00</strong>" in html
        assert f"/admin/forms/submissions/{survey.pk}/?export=csv" in html
        assert "m1@example.com" not in html

    def test_staff_without_permission_on_the_page_are_refused(self, client, editor, survey):
        # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
        for url in (
            reverse("surveys:results", args=[survey.pk]),
            reverse("wagtailforms:list_submissions", args=[survey.pk]) + "?export=csv",
        ):
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))

    def test_editors_and_superusers_see_results(self, client, admin_client, survey):
        """Editors can change every page, so they see every survey's results."""
        user = MemberFactory(email="staff@example.com")
        user.groups.add(Group.objects.get(name="Editors"))
        client.force_login(user)
        url = reverse("surveys:results", args=[survey.pk])
        assert client.get(url).status_code == 200
        assert admin_client.get(url).status_code == 200

    def test_members_and_visitors_cannot_reach_results(self, client, survey):
        url = reverse("surveys:results", args=[survey.pk])
        assert client.get(url).status_code == 302
        client.force_login(MemberFactory())
        assert client.get(url).status_code in (302, 403)

    def test_index_lists_only_permitted_surveys(self, client, editor, survey):
        other = SurveyPageFactory(parent=ConsultationPageFactory(slug="other"), slug="other-survey")
        give_editors_the_consultation(survey)
        SurveyResponseFactory(page=survey, respondent=MemberFactory(), form_data={**answers()})
        html = client.get(reverse("surveys:index")).content.decode()
        assert reverse("surveys:results", args=[survey.pk]) in html
        assert reverse("surveys:results", args=[other.pk]) not in html
        # The header's current breadcrumb names the page, not "Home".
        current = re.search(r"w-font-bold[^>]*>(.*?)</li>", html, re.S).group(1)
        assert "Survey results" in current

    def test_index_queries_do_not_grow_with_surveys(self, admin_client, django_assert_max_num_queries):
        for number in range(6):
            survey = SurveyPageFactory(parent=ConsultationPageFactory(slug=f"c{number}"), slug=f"s{number}")
            SurveyResponseFactory(page=survey, respondent=MemberFactory(email=f"m{number}@example.com"))
        admin_client.get(reverse("surveys:index"))
        with django_assert_max_num_queries(15):
            html = admin_client.get(reverse("surveys:index")).content.decode()
        assert html.count(">Open</td>") == 6

    def test_page_header_offers_survey_results(self, admin_client, survey):
        html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[survey.pk])).content.decode()
        assert reverse("surveys:results", args=[survey.pk]) in html


class TestExport:
    def export(self, client, survey):
        response = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk]), {"export": "csv"})
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        # A byte order mark first, so that Excel reads the file as UTF-8.
        assert content.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))

    def test_export_has_answers_opaque_id_and_time_only(self, client, editor, survey):
        give_editors_the_consultation(survey)
        user = MemberFactory(email="person@example.com")
        stored = SurveyResponseFactory(page=survey, respondent=user, area="Hackney", form_data={**answers()})
        header, row = self.export(client, survey)
        assert header[:3] == ["Submission date", "Respondent (anonymous id)", "Your neighbourhood"]
        assert row[1] == str(stored.respondent_key)
        assert str(user.pk) not in row[1:2]
        assert "Streets" in row
        assert not any("person@example.com" in cell or user.profile.pseudonym in cell for cell in row)

    def test_submissions_listing_shows_the_anonymous_id_not_the_member(self, client, editor, survey):
        give_editors_the_consultation(survey)
        user = MemberFactory(email="person@example.com")
        stored = SurveyResponseFactory(page=survey, respondent=user, form_data={**answers()})
        html = client.get(reverse("wagtailforms:list_submissions", args=[survey.pk])).content.decode()
        assert "Respondent (anonymous id)" in html and str(stored.respondent_key) in html
        assert "person@example.com" not in html and user.profile.pseudonym not in html

    def test_formulas_are_neutralised(self, client, editor, survey):
        give_editors_the_consultation(survey)
        SurveyResponseFactory(
            page=survey,
            respondent=MemberFactory(),
            form_data={
                **answers(your_neighbourhood='=HYPERLINK("http://evil.example","x")', years="-3"),
                "tell_us_more": "@SUM(A1:A2)",
            },
        )
        SurveyResponseFactory(
            page=survey,
            respondent=MemberFactory(email="b@example.com"),
            form_data={**answers(your_neighbourhood="+cmd|' /C calc'!A0")},
        )
        SurveyResponseFactory(
            page=survey,
            respondent=MemberFactory(email="c@example.com"),
            form_data={**answers(your_neighbourhood="-2+3")},
        )
        rows = self.export(client, survey)[1:]
        cells = [cell for row in rows for cell in row]
        assert '\'=HYPERLINK("http://evil.example","x")' in cells
        assert "'@SUM(A1:A2)" in cells
        assert "'+cmd|' /C calc'!A0" in cells
        assert "'-2+3" in cells
        assert "-3" in cells  # A plain negative number is data, not a formula.
        assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


def test_responses_per_page_are_indexed_by_time(survey):
    assert any(index.fields == ["page", "submit_time"] for index in SurveyResponse._meta.indexes)


@pytest.mark.parametrize("role", ["Editors", "Publishers"])
def test_staff_roles_cannot_delete_survey_responses(client, survey, role):
    user = MemberFactory(email="staff@example.com")
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    stored = SurveyResponseFactory(page=survey, form_data={**answers()})
    url = reverse("wagtailforms:delete_submissions", args=[survey.pk])
    # The admin turns a refusal into a redirect to its dashboard.
    assert client.get(url, {"selected-submissions": stored.pk})["Location"] == reverse("wagtailadmin_home")
    client.post(f"{url}?selected-submissions={stored.pk}")
    assert SurveyResponse.objects.filter(pk=stored.pk).exists()


def test_superusers_can_still_delete_survey_responses(admin_client, survey):
    stored = SurveyResponseFactory(page=survey, form_data={**answers()})
    url = reverse("wagtailforms:delete_submissions", args=[survey.pk])
    admin_client.post(url + f"?selected-submissions={stored.pk}")
    assert not SurveyResponse.objects.filter(pk=stored.pk).exists()


def test_the_admin_has_one_way_to_survey_responses_with_a_proper_title(admin_client):
    SurveyPageFactory()
    menu = re.findall(r'"label": "([^"]+)"', admin_client.get("/admin/").content.decode())
    assert menu.count("Survey results") == 1
    assert "Forms" not in menu
    index = admin_client.get("/admin/surveys/").content.decode()
    assert re.search(r"<title>\s*Survey results", index)
    assert re.search(r"<h1[^>]*>\s*Survey results\s*</h1>", index)
