"""The teacher directory: filters, pagination, verified badge, bounded queries; teacher_search for partner finding."""

import pytest

from community.models import Language, Subject
from community.selectors import teacher_search
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    shaki = f.region("Shaki-Zagatala")
    turkistan = f.region("Turkistan", "KZ")
    kish = f.school(name="Kish village school", region_obj=shaki, rural=True)
    city = f.school(name="Shaki city school", region_obj=shaki, inclusive=True)
    kz = f.school(name="Turkistan lyceum", region_obj=turkistan)
    return {
        "aysel": f.teacher(
            name="Aysel",
            school_obj=kish,
            subjects=["english"],
            languages=["az", "en"],
            grades_min=5,
            grades_max=11,
            looking_for_partners=True,
        ),
        "elvin": f.teacher(
            name="Elvin",
            school_obj=city,
            subjects=["physics"],
            languages=["az", "ru"],
            grades_min=7,
            grades_max=11,
            verified=False,
        ),
        "aruzhan": f.teacher(
            name="Aruzhan",
            school_obj=kz,
            subjects=["english", "music"],
            languages=["kk", "ru"],
            grades_min=1,
            grades_max=4,
            looking_for_partners=True,
        ),
        "hidden": f.teacher(name="Unconfirmed Person", school_obj=kish, confirmed=False),
    }


def names(response):
    return [p.display_name for p in response.context["page"].object_list]


def test_directory_lists_confirmed_active_teachers_with_badges(client, world):
    response = client.get("/en/teachers/")
    assert names(response) == ["Aruzhan", "Aysel", "Elvin"]
    body = response.content.decode()
    assert body.count('class="badge verified"') == 2  # Elvin is not verified
    assert "Unconfirmed Person" not in body


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"country": "KZ"}, ["Aruzhan"]),
        ({"region": "Shaki-Zagatala"}, ["Aysel", "Elvin"]),
        ({"subject": "english"}, ["Aruzhan", "Aysel"]),
        ({"language": "ru"}, ["Aruzhan", "Elvin"]),
        ({"rural": "on"}, ["Aysel"]),
        ({"looking": "on"}, ["Aruzhan", "Aysel"]),
        ({"q": "lyceum"}, ["Aruzhan"]),
        ({"q": "elv"}, ["Elvin"]),
        ({"subject": "english", "country": "AZ"}, ["Aysel"]),
    ],
)
def test_directory_filters(client, world, query, expected):
    params = dict(query)
    if "country" in params:
        params["country"] = str(f.country(params["country"]).pk)
    if "region" in params:
        params["region"] = str(f.region(params["region"]).pk)
    if "subject" in params:
        params["subject"] = str(Subject.objects.get(slug=params["subject"]).pk)
    if "language" in params:
        params["language"] = str(Language.objects.get(code=params["language"]).pk)
    response = client.get("/en/teachers/", params)
    assert names(response) == expected


def test_invalid_filter_values_do_not_break_the_page(client, world):
    response = client.get("/en/teachers/", {"region": "banana", "country": "99999", "page": "zzz"})
    assert response.status_code == 200
    assert "Choose a region from the list" in response.content.decode() or names(response)


def test_pagination_keeps_the_filters(client, world, settings):
    settings.TEACHER_DIRECTORY_PAGE_SIZE = 2
    for n in range(3):
        f.teacher(
            name=f"Zz teacher {n}",
            school_obj=world["aysel"].profile.school,
            looking_for_partners=True,
        )
    response = client.get("/en/teachers/", {"looking": "on"})
    assert names(response) == ["Aruzhan", "Aysel"]
    assert 'href="?looking=on&amp;page=2"' in response.content.decode()
    response = client.get("/en/teachers/", {"looking": "on", "page": "2"})
    assert names(response) == ["Zz teacher 0", "Zz teacher 1"]
    assert "Page 2 of 3" in response.content.decode()


def test_directory_query_count_does_not_grow_with_teachers(
    client, world, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    school = world["aysel"].profile.school
    params = {"subject": str(Subject.objects.get(slug="english").pk)}
    with CaptureQueriesContext(connection) as few:
        client.get("/en/teachers/", params)
    for n in range(30):
        f.teacher(
            name=f"Teacher {n:02}",
            school_obj=school,
            subjects=["english", "music"],
            languages=["az", "ru"],
        )
    with django_assert_max_num_queries(len(few)):
        response = client.get("/en/teachers/", params)
    assert len(response.context["page"].object_list) == 24
    assert len(few) <= 15


def test_directory_signed_in_query_count_is_bounded(client, world, django_assert_max_num_queries):
    client.force_login(world["aysel"])
    for n in range(30):
        f.teacher(
            name=f"Teacher {n:02}", school_obj=world["aysel"].profile.school, subjects=["english"]
        )
    # 17 whatever the number of teachers; one of them decides whether the header shows "Moderation".
    with django_assert_max_num_queries(17):
        client.get("/en/teachers/")


def test_teacher_search_for_partner_finding():
    shaki = f.region("Shaki-Zagatala")
    school = f.school(region_obj=shaki, rural=True)
    f.teacher(
        name="Primary",
        school_obj=school,
        grades_min=1,
        grades_max=4,
        looking_for_partners=True,
        subjects=["primary-education"],
    )
    f.teacher(
        name="Upper",
        school_obj=school,
        grades_min=7,
        grades_max=11,
        subjects=["physics"],
        languages=["az"],
    )
    english = Subject.objects.get(slug="primary-education")

    def search(**filters):
        return [p.display_name for p in teacher_search(filters=filters)]

    assert search(grade=3) == ["Primary"]
    assert search(grades_min=5, grades_max=8) == ["Upper"]
    assert search(subject=english.pk, looking=True) == ["Primary"]
    assert search(looking_for_partners=True) == ["Primary"]
    assert search(region=shaki.pk, rural=True, language=Language.objects.get(code="az").pk) == [
        "Upper"
    ]
    assert search(country=f.country("KZ").pk) == []
    assert search() == ["Primary", "Upper"]
    # Related rows arrive with the query.
    rows = list(teacher_search(filters={}))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        for row in rows:
            _ = (
                row.school.region.country.name,
                list(row.subjects.all()),
                list(row.languages.all()),
                row.user.verified_at,
            )
    assert len(queries) == 0


def test_profile_page_of_unknown_or_closed_account_is_404(client):
    user = f.teacher()
    user.is_active = False
    user.save()
    assert client.get(f"/en/teachers/{user.pk}/").status_code == 404
    assert client.get("/en/teachers/999999/").status_code == 404
