"""The learning record: sections from other apps' providers, private to the teacher (and staff), JSON and CSV."""

import csv
import io
import json

import pytest

from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


def events_section(user):
    return {
        "key": "events",
        "title": "Events attended",
        "items": [
            {
                "title": "Inclusive classroom workshop, Shaki",
                "url": "/en/events/1/",
                "date": "2026-03-14",
                "detail": "6 hours",
            },
            {"title": '=HYPERLINK("http://evil")', "url": "", "date": "2026-04-01", "detail": ""},
        ],
    }


def broken_section(user):
    raise RuntimeError("provider bug")


def empty_section(user):
    return {"key": "projects", "title": "Projects", "items": []}


@pytest.fixture
def providers(settings):
    settings.LEARNING_RECORD_SECTIONS = [
        "tests.community.test_learning_record.events_section",
        "tests.community.test_learning_record.broken_section",
        "tests.community.test_learning_record.empty_section",
    ]


def test_record_page_shows_every_section_and_survives_a_broken_provider(client, providers):
    user = f.teacher(name="Aysel")
    client.force_login(user)
    response = client.get(f"/en/teachers/{user.pk}/record/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Learning record of Aysel" in body
    assert (
        "Events attended" in body
        and "Inclusive classroom workshop, Shaki" in body
        and "2026-03-14" in body
    )
    assert "Projects" in body and "Nothing here yet." in body


def test_record_is_private_to_the_teacher_and_staff(client, providers):
    owner = f.teacher()
    other = f.teacher()
    assert client.get(f"/en/teachers/{owner.pk}/record/").status_code == 302  # sign in first
    client.force_login(other)
    for suffix in ("record/", "record.json", "record.csv"):
        assert client.get(f"/en/teachers/{owner.pk}/{suffix}").status_code == 404
    staff = f.teacher()
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    assert client.get(f"/en/teachers/{owner.pk}/record/").status_code == 200


def test_record_json_export(client, providers):
    user = f.teacher(name="Aysel")
    client.force_login(user)
    response = client.get(f"/en/teachers/{user.pk}/record.json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["teacher"] == "Aysel"
    assert [s["key"] for s in data["sections"]] == ["events", "projects"]


def test_record_csv_export_is_spreadsheet_safe(client, providers):
    user = f.teacher()
    client.force_login(user)
    response = client.get(f"/en/teachers/{user.pk}/record.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["Section", "Title", "Date", "Detail", "Link"]
    assert rows[1] == [
        "Events attended",
        "Inclusive classroom workshop, Shaki",
        "2026-03-14",
        "6 hours",
        "http://testserver/en/events/1/",
    ]
    assert rows[2][1].startswith("'=")  # a formula is neutralised


def test_profile_links_to_the_record_only_for_its_owner(client, providers):
    owner = f.teacher()
    client.force_login(owner)
    assert (
        f"/en/teachers/{owner.pk}/record/"
        in client.get(f"/en/teachers/{owner.pk}/").content.decode()
    )
    client.force_login(f.teacher())
    assert (
        f"/en/teachers/{owner.pk}/record/"
        not in client.get(f"/en/teachers/{owner.pk}/").content.decode()
    )
