"""Project pages and statistics name regions, countries, subjects and languages in the interface language."""

import csv
import io

import pytest

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    shaki = f.region("Shaki-Zagatala")  # reference row, translated
    valley = f.region("Demo Valley")  # a row without translations
    founder = f.teacher("Founder", school_obj=f.school("Kish school", shaki))
    partner = f.teacher("Partner", school_obj=f.school("Valley school", valley))
    project = f.project(
        founder,
        title="Birds of the valley",
        seeking_partners=True,
        subjects=[f.subject("Biology")],
        languages=[f.language("kk", "Kazakh")],
    )
    f.join(project, founder, partner)
    return {"project": project, "founder": founder, "shaki": shaki}


@pytest.mark.parametrize(
    ("prefix", "shown"),
    [
        ("az", ["Şəki-Zaqatala, Azərbaycan", "Demo Valley, Azərbaycan", "Biologiya", "Qazax dili"]),
        ("ru", ["Шеки-Закатала, Азербайджан", "Demo Valley, Азербайджан", "Биология", "Казахский"]),
        ("en", ["Shaki-Zagatala, Azerbaijan", "Demo Valley, Azerbaijan", "Biology", "Kazakh"]),
    ],
)
def test_project_page(client, world, prefix, shown):
    client.force_login(world["founder"])
    body = client.get(f"/{prefix}/projects/{world['project'].pk}/").content.decode()
    for text in shown:
        assert text in body, text


def test_board_card_filters_and_teacher_search(client, world):
    f.project(
        world["founder"], title="Nests", seeking_partners=True, subjects=[f.subject("Biology")]
    )
    body = client.get("/ru/projects/").content.decode()
    assert "Kish school (Шеки-Закатала)" in body
    assert '<span class="tag">Биология</span>' in body
    assert ">Шеки-Закатала, Азербайджан</option>" in body
    assert ">Биология</option>" in body
    assert "Shaki-Zagatala" not in body and "Biology" not in body
    client.force_login(world["founder"])
    body = client.get("/az/projects/teachers/").content.decode()
    assert "Valley school, Demo Valley, Azərbaycan" in body


def test_statistics_page_in_the_interface_language_and_csv_in_english(client, world):
    body = client.get("/az/projects/statistics/").content.decode()
    assert "<td>Şəki-Zaqatala</td><td>Azərbaycan</td>" in body
    assert "<td>Demo Valley</td><td>Azərbaycan</td>" in body
    assert "Shaki-Zagatala" not in body
    response = client.get("/az/projects/statistics.csv")
    rows = [row for row in csv.reader(io.StringIO(response.content.decode())) if row[0] == "region"]
    assert [row[1] for row in rows] == [
        "Demo Valley (Azerbaijan)",
        "Shaki-Zagatala (Azerbaijan)",
    ]


def test_regional_statistics_title(client, world):
    client.force_login(f.ambassador(world["shaki"]))
    body = client.get(f"/ru/projects/statistics/regions/{world['shaki'].pk}/").content.decode()
    assert "Шеки-Закатала (Азербайджан)" in body
