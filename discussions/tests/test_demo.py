import io

from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from discussions.models import DiscussionPage, ModerationItem, Report


def test_demo_discussion_has_threads_host_replies_and_queue_items(demo_site, client):
    page = DiscussionPage.objects.get(slug="trust-and-confidence")
    assert page.consultation.slug == "community-safety-plan"
    html = client.get(page.url).content.decode()
    assert "Alex" in html and "Host, City Hall" in html
    assert "Show full comment" in html
    assert "07700 900461" not in html
    held = ModerationItem.objects.exclude(held_reasons=[]).get()
    assert not held.comment.is_public
    assert Report.objects.count() == 1
    assert XtdComment.objects.filter(level=1).exists()


def test_loading_the_demo_twice_changes_nothing(demo_site):
    counts = (XtdComment.objects.count(), ModerationItem.objects.count(), Report.objects.count())
    call_command("load_demo_content", stdout=io.StringIO())
    assert (XtdComment.objects.count(), ModerationItem.objects.count(), Report.objects.count()) == counts
