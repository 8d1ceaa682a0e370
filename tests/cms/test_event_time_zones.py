"""An event's times are entered, shown and exported in its own time zone (stored in UTC)."""

from datetime import UTC, datetime

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import EventPage
from community.models import Profile

from . import factories


def _event_form(**overrides):
    data = {
        "title": "Baku workshop",
        "slug": "baku-workshop",
        "summary": "A workshop",
        "kind": "workshop",
        "start": "2030-05-01 15:00",
        "end": "2030-05-01 17:30",
        "time_zone": "Asia/Baku",
        "mode": "in_person",
        "venue": "Baku",
        "body": streamfield([]),
        "sessions": inline_formset([]),
        "recording_url": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.mark.parametrize("editor_zone", [None, "America/New_York"])
def test_event_entered_at_15_baku_is_shown_at_15_and_exported_as_11_utc(
    client, tree, editor_zone
):
    editor = factories.user(staff=True)
    if editor_zone:  # the editor's own zone (activated for every request) must not matter
        Profile.objects.create(user=editor, display_name="Editor", time_zone=editor_zone)
    client.force_login(editor)
    response = client.post(f"/admin/pages/add/cms/eventpage/{tree['events'].pk}/", _event_form())
    assert response.status_code == 302
    event = EventPage.objects.get(slug="baku-workshop")
    assert event.start == datetime(2030, 5, 1, 11, 0, tzinfo=UTC)
    edit = client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert "2030-05-01 15:00" in edit  # shown back as entered
    client.logout()
    page = client.get(event.url).content.decode()
    assert "1 May 2030, 15:00" in page and "17:30" in page
    assert "Asia/Baku" in page
    assert "19:00" not in page
    ics = client.get(f"/en/events/{event.pk}/calendar.ics").content.decode()
    assert "DTSTART:20300501T110000Z" in ics
    assert "DTEND:20300501T133000Z" in ics


def test_a_reader_in_another_zone_also_sees_their_own_time(client, tree):
    event = factories.event(
        tree["events"],
        "Online webinar",
        start=datetime(2030, 5, 1, 11, 0, tzinfo=UTC),
        time_zone="Asia/Baku",
    )
    reader = factories.user()
    Profile.objects.create(user=reader, display_name="Reader", time_zone="Asia/Tashkent")
    client.force_login(reader)
    page = client.get(event.url).content.decode()
    assert "1 May 2030, 15:00" in page and "(Asia/Baku)" in page
    assert "In your time zone: 1 May 2030, 16:00" in page and "(Asia/Tashkent)" in page
    Profile.objects.filter(user=reader).update(time_zone="Asia/Baku")
    assert "In your time zone" not in client.get(event.url).content.decode()
