"""Staff download every comment of a discussion as CSV or XLSX from the moderation queue."""

import csv
import io

import openpyxl
import pytest

from discussions.factories import CommentFactory
from discussions.models import ModerationItem, Reaction
from discussions.moderation import hold, remove, report


def export_url(discussion, spreadsheet_format):
    return f"/admin/moderation/discussions/{discussion.pk}/comments/?export={spreadsheet_format}"


@pytest.fixture
def thread(discussion, alice, bob, moderator):
    first = CommentFactory(page=discussion, user=alice, text='=HYPERLINK("http://evil") buses are late')
    reply = CommentFactory(page=discussion, user=bob, text="A rude reply", parent=first)
    report(reply, alice, "abuse")
    remove([ModerationItem.objects.get(comment=reply)], moderator, "abuse", note="Name-calling")
    held = CommentFactory(page=discussion, user=bob, text="Ring me on 07700 900123", is_public=False)
    hold(held, ["it seems to include a phone number"])
    Reaction.objects.create(comment=first, user=bob)
    return first, reply, held


def test_only_moderators_download(client, alice, discussion, thread):
    client.force_login(alice)
    assert client.get(export_url(discussion, "csv")).status_code in (302, 403)


def test_csv_has_every_comment_with_status_and_decisions_formula_safe(
    client, moderator, discussion, thread, alice, bob, django_assert_max_num_queries
):
    first, reply, held = thread
    client.force_login(moderator)
    client.get("/admin/moderation/")
    with django_assert_max_num_queries(12):
        response = client.get(export_url(discussion, "csv"))
        content = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["Comment"] for row in rows] == [str(first.pk), str(reply.pk), str(held.pk)]
    by_id = {row["Comment"]: row for row in rows}
    assert by_id[str(first.pk)]["Text"].startswith("'=HYPERLINK")
    assert by_id[str(first.pk)]["Status"] == "Published"
    assert by_id[str(first.pk)]["Likes"] == "1"
    assert by_id[str(first.pk)]["Author"] == alice.profile.display_name
    assert by_id[str(reply.pk)]["Reply to comment"] == str(first.pk)
    assert by_id[str(reply.pk)]["Status"] == "Removed"
    assert by_id[str(reply.pk)]["Reports"] == "1"
    assert "Removed" in by_id[str(reply.pk)]["Moderation decisions"]
    assert "Name-calling" in by_id[str(reply.pk)]["Moderation decisions"]
    assert by_id[str(held.pk)]["Status"] == "Held for review"
    assert by_id[str(held.pk)]["Held because"] == "it seems to include a phone number"
    assert alice.email not in content.decode() and bob.email not in content.decode()


def test_xlsx_has_the_same_rows(client, moderator, discussion, thread):
    client.force_login(moderator)
    response = client.get(export_url(discussion, "xlsx"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][:3] == ("Comment", "Posted", "Author")
    assert len(rows) == 4


def test_queue_links_to_the_export_of_the_chosen_discussion(client, moderator, discussion, thread):
    client.force_login(moderator)
    page = client.get(f"/admin/moderation/?page={discussion.pk}").content.decode()
    assert f"/admin/moderation/discussions/{discussion.pk}/comments/?export=csv" in page
    assert f"/admin/moderation/discussions/{discussion.pk}/comments/?export=xlsx" in page
