"""Statistics: figures checked against the data, only aggregates public, bounded queries."""

import csv
import datetime
import io

import pytest

from projects import selectors, services

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    az, kz = f.country(), f.country("KZ", "Kazakhstan")
    ganja, shaki, turkistan = (
        f.region("Ganja", az),
        f.region("Shaki", az),
        f.region("Turkistan", kz),
    )
    a = f.teacher("A", school_obj=f.school("Ganja 1", ganja))
    b = f.teacher("B", school_obj=f.school("Turkistan 1", turkistan))
    c = f.teacher("C", school_obj=f.school("Shaki 1", shaki))
    d = f.teacher("D", school_obj=a.profile.school)  # same school as A
    active = f.project(
        a,
        title="Private active title",
        start_date=datetime.date(2025, 9, 1),
        end_date=datetime.date(2026, 1, 1),
    )
    f.join(active, a, b)
    f.join(active, a, d, role="member")
    done = f.project(c, title="Private completed title")
    f.join(done, c, a)
    services.project_complete(actor=c, project=done, final_report="x")
    f.project(b, title="Private draft title")
    return locals()


def test_figures_match_the_data(data):
    stats = selectors.statistics()
    by_status = {value: n for value, _label, n in stats["by_status"]}
    assert by_status == {"draft": 1, "seeking": 0, "active": 1, "completed": 1, "archived": 0}
    assert stats["totals"] == {
        "projects": 3,
        "teachers": 4,
        "schools": 3,
        "regions": 3,
        "countries": 2,
        "labels": 0,
    }
    assert {row["year"]: row["n"] for row in stats["by_year"]} == {2025: 1, 2026: 2}
    regions = {row["school__region__name"]: row for row in stats["by_region"]}
    assert (
        regions["Ganja"]["projects"] == 2
        and regions["Ganja"]["teachers"] == 2
        and regions["Ganja"]["schools"] == 1
    )
    assert regions["Ganja"]["completed"] == 1
    assert regions["Turkistan"]["projects"] == 2  # the active project and B's draft
    assert regions["Shaki"]["projects"] == 1


def test_regional_figures(data):
    stats = selectors.statistics(region_id=data["ganja"].pk)
    assert stats["totals"]["projects"] == 2
    assert stats["totals"]["teachers"] == 2
    assert [row["school__name"] for row in stats["by_school"]] == ["Ganja 1"]


def test_public_page_and_csv_show_only_aggregates(client, data):
    page = client.get("/en/projects/statistics/").content.decode()
    assert "Turkistan" in page and "Kazakhstan" in page
    assert "Private" not in page
    response = client.get("/en/projects/statistics.csv")
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "Private" not in body
    rows = list(csv.reader(io.StringIO(body)))
    assert ["total", "teachers", "4", "", "", ""] in rows
    assert ["total", "countries", "2", "", "", ""] in rows
    assert ["status", "completed", "1", "", "", ""] in rows
    assert ["region", "Ganja (Azerbaijan)", "2", "2", "1", "1"] in rows


def test_regional_page_for_ambassadors_only(client, data):
    ganja = data["ganja"]
    client.force_login(data["a"])
    assert client.get(f"/en/projects/statistics/regions/{ganja.pk}/").status_code == 404
    client.force_login(f.ambassador(ganja))
    page = client.get(f"/en/projects/statistics/regions/{ganja.pk}/").content.decode()
    assert "Ganja 1" in page and "Private" not in page
    assert client.get(f"/en/projects/statistics/regions/{data['shaki'].pk}/").status_code == 404


def _grow(n):
    biology = f.subject("Biology")
    for i in range(n):
        founder = f.teacher(school_obj=f.school(region_obj=f.region(f"Region {i}")))
        partner = f.teacher(school_obj=f.school())
        project = f.project(
            founder,
            title=f"Idea {i}",
            seeking_partners=True,
            subjects=[biology],
            languages=[f.language()],
        )
        f.join(project, founder, partner, role="member") if i % 2 else None


@pytest.mark.parametrize(
    "path",
    [
        "/en/projects/statistics/",
        "/en/projects/statistics.csv",
        "/en/projects/",
        "/en/projects/showcase/",
    ],
)
def test_bounded_queries(client, django_assert_max_num_queries, path):
    _grow(2)
    with django_assert_max_num_queries(30) as small:
        client.get(path)
    _grow(12)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(path).status_code == 200


def test_bounded_queries_showcase_with_published_projects(client, django_assert_max_num_queries):
    def publish(n):
        for i in range(n):
            project, founder, _ = f.completed_project(title=f"Shown {i}")
            services.project_publish(actor=founder, project=project)

    publish(1)
    with django_assert_max_num_queries(30) as small:
        client.get("/en/projects/showcase/")
    publish(5)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get("/en/projects/showcase/").content.decode()
    assert "Shown 4" in page


def test_bounded_queries_for_members_and_suggestions(client, django_assert_max_num_queries):
    project, founder, _partner = f.two_school_project(subjects=[f.subject("Biology")])
    client.force_login(founder)

    def more_teachers(n):
        for _ in range(n):
            f.teacher(
                school_obj=f.school(), subjects=[f.subject("Biology")], languages=[f.language()]
            )

    more_teachers(2)
    with django_assert_max_num_queries(40) as small:
        client.get(f"/en/projects/{project.pk}/members/")
    more_teachers(15)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"/en/projects/{project.pk}/members/").status_code == 200
