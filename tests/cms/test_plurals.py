"""Counts are shown with the plural form their number needs (ngettext), not one fixed word."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from cms.models import EventRegistration
from cms.records import record_section

from . import factories


def test_home_statistics_agree_with_their_numbers(client, tree, settings):
    settings.HOME_PAGE_SECTIONS = []
    factories.resource(tree["resources"], "Only guide")
    factories.event(tree["events"], "Only event")
    html = client.get("/en/").content.decode()
    assert "<strong>1</strong> resource</li>" in html
    assert "<strong>1</strong> event</li>" in html
    assert "<strong>0</strong> event registrations</li>" in html
    factories.resource(tree["resources"], "Second guide")
    assert "<strong>2</strong> resources</li>" in client.get("/en/").content.decode()


def test_learning_record_hours_agree_with_their_number(tree, teacher):
    start = timezone.now() - timedelta(days=3)
    one = factories.event(tree["events"], "Short workshop", start=start, hours=1)
    half = factories.event(tree["events"], "Long workshop", start=start - timedelta(days=1))
    half.hours = Decimal("1.5")
    half.save()
    for event in (one, half):
        EventRegistration.objects.create(event=event, user=teacher, attended=True)
    details = {item["title"]: item["detail"] for item in record_section(teacher)["items"]}
    assert details["Short workshop"] == "Workshop attended, 1 hour"
    assert details["Long workshop"] == "Workshop attended, 1.5 hours"
