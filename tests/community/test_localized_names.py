"""Reference names (countries, regions, subjects, languages) follow the interface language."""

import importlib
import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from community.forms import TeacherFilterForm, region_choices
from community.localized import collation_key
from community.models import Country, Language, Region, Subject
from tests.community import people_factories as f

pytestmark = pytest.mark.django_db

REFERENCE = importlib.import_module("community.migrations.0002_reference_data")


def test_the_migration_names_every_reference_row_in_azerbaijani_and_russian():
    rows = []
    for (code, _name), regions in REFERENCE.COUNTRIES.items():
        country = Country.objects.get(code=code)
        rows.append(country)
        rows += list(Region.objects.filter(country=country, name__in=regions))
        assert Region.objects.filter(country=country, name__in=regions).count() == len(regions)
    rows += list(Subject.objects.filter(slug__in=[slug for slug, _name in REFERENCE.SUBJECTS]))
    rows += list(Language.objects.filter(code__in=[code for code, _name in REFERENCE.LANGUAGES]))
    expected = (
        len(REFERENCE.COUNTRIES)
        + sum(len(regions) for regions in REFERENCE.COUNTRIES.values())
        + len(REFERENCE.SUBJECTS)
        + len(REFERENCE.LANGUAGES)
    )
    assert len(rows) == expected
    codes = ("az", "ru", "kk", "ky", "uz", "tg", "tr")
    missing = [
        (type(row).__name__, row.name, code) for row in rows for code in codes if not getattr(row, f"name_{code}")
    ]
    assert missing == []
    # Russian, Kazakh, Kyrgyz and Tajik names are in Cyrillic; Azerbaijani, Uzbek and Turkish
    # ones in the Latin alphabet.
    for code in ("ru", "kk", "ky", "tg"):
        assert all(re.search("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіҶҷӢӣӮӯҲҳ]", getattr(row, f"name_{code}")) for row in rows), code
    for code in ("az", "uz", "tr"):
        assert not any(re.search("[А-Яа-яЁё]", getattr(row, f"name_{code}")) for row in rows), code


@pytest.mark.parametrize(
    ("model", "lookup", "name_az", "name_ru"),
    [
        (Country, {"code": "AZ"}, "Azərbaycan", "Азербайджан"),
        (Country, {"code": "KZ"}, "Qazaxıstan", "Казахстан"),
        (
            Region,
            {"country__code": "AZ", "name": "Shaki-Zagatala"},
            "Şəki-Zaqatala",
            "Шеки-Закатала",
        ),
        (
            Region,
            {"country__code": "KZ", "name": "Turkistan"},
            "Türküstan",
            "Туркестанская область",
        ),
        (Region, {"country__code": "TR", "name": "İstanbul"}, "İstanbul", "Стамбул"),
        (Subject, {"slug": "biology"}, "Biologiya", "Биология"),
        (Language, {"code": "kk"}, "Qazax dili", "Казахский"),
    ],
)
def test_some_names(model, lookup, name_az, name_ru):
    row = model.objects.get(**lookup)
    assert (row.name_az, row.name_ru) == (name_az, name_ru)


def test_the_translation_migration_keeps_names_edited_since():
    from django.apps import apps

    migration = importlib.import_module("community.migrations.0004_localized_reference_names")
    biology = Subject.objects.get(slug="biology")
    biology.name_az = "Biologiya (redaktə)"
    biology.name_ru = ""
    biology.save()
    migration.load(apps, None)
    biology.refresh_from_db()
    assert (biology.name_az, biology.name_ru) == ("Biologiya (redaktə)", "Биология")


def test_the_name_follows_the_interface_language_and_falls_back_to_english():
    shaki = f.region("Shaki-Zagatala")
    valley = Region.objects.create(country=shaki.country, name="Demo Valley", name_az="Demo Vadisi")
    for language, shaki_name, valley_name in [
        ("en", "Shaki-Zagatala, Azerbaijan", "Demo Valley, Azerbaijan"),
        ("az", "Şəki-Zaqatala, Azərbaycan", "Demo Vadisi, Azərbaycan"),
        ("ru", "Шеки-Закатала, Азербайджан", "Demo Valley, Азербайджан"),  # no Russian name
        ("kk", "Шеки-Закатала, Әзірбайжан", "Demo Valley, Әзірбайжан"),  # no Kazakh name
        ("de", "Shaki-Zagatala, Azerbaijan", "Demo Valley, Azerbaijan"),  # no column for German
        ("ru-ru", "Шеки-Закатала, Азербайджан", "Demo Valley, Азербайджан"),
    ]:
        with translation.override(language):
            assert str(shaki) == shaki_name
            assert str(valley) == valley_name
    with translation.override("az"):
        assert shaki.localized_name == "Şəki-Zaqatala"
    assert shaki.name_in("ru") == "Шеки-Закатала" and shaki.name_in("en") == "Shaki-Zagatala"


def test_collation_follows_the_alphabet_of_the_language():
    words = [
        "Zaqatala",
        "Şəki",
        "Saatlı",
        "Çay",
        "Cəbrayıl",
        "Əli",
        "Eyvaz",
        "İsmayıllı",
        "Ismarıq",
    ]
    assert sorted(words, key=lambda w: collation_key(w, "az")) == [
        "Cəbrayıl",
        "Çay",
        "Eyvaz",
        "Əli",
        "Ismarıq",
        "İsmayıllı",
        "Saatlı",
        "Şəki",
        "Zaqatala",
    ]
    assert sorted(["Ёлка", "Яблоко", "Ель", "Жук"], key=lambda w: collation_key(w, "ru")) == [
        "Ель",
        "Ёлка",
        "Жук",
        "Яблоко",
    ]
    assert sorted(
        ["Zonguldak", "Çanakkale", "Corum", "Bursa"], key=lambda w: collation_key(w, "en")
    ) == [
        "Bursa",
        "Çanakkale",
        "Corum",
        "Zonguldak",
    ]


def _labels(field):
    return [str(label) for value, label in field.choices if value != ""]


def test_filter_choices_are_named_and_sorted_in_the_interface_language():
    with translation.override("az"):
        form = TeacherFilterForm()
        subjects = _labels(form.fields["subject"])
        assert "Biologiya" in subjects and "Biology" not in subjects
        assert subjects == sorted(subjects, key=lambda w: collation_key(w, "az"))
        countries = _labels(form.fields["country"])
        assert countries[0] == "Azərbaycan" and countries[-1] == "Türkiyə"
        groups = dict(region_choices("—")[1:])
        assert list(groups)[:2] == ["Azərbaycan", "Qazaxıstan"]
        az_regions = [label for _pk, label in groups["Azərbaycan"]]
        assert az_regions == sorted(az_regions, key=lambda w: collation_key(w, "az"))
        assert az_regions[-1] == "Şirvan-Salyan"
    with translation.override("ru"):
        form = TeacherFilterForm()
        assert _labels(form.fields["language"])[0] == "Азербайджанский"
        groups = dict(region_choices("—")[1:])
        assert list(groups) == [
            "Азербайджан",
            "Казахстан",
            "Кыргызстан",
            "Таджикистан",
            "Турция",
            "Узбекистан",
        ]
    with translation.override("en"):
        assert _labels(TeacherFilterForm().fields["subject"])[:2] == ["Biology", "Chemistry"]


@pytest.fixture
def aysel():
    school = f.school(name="Kish village school", region_obj=f.region("Shaki-Zagatala"))
    return f.teacher(name="Aysel", school_obj=school, subjects=["biology"], languages=["az"])


@pytest.mark.parametrize(
    ("prefix", "shown", "hidden"),
    [
        (
            "az",
            ["Şəki-Zaqatala", "Biologiya", "Azərbaycan dili", "Qazaxıstan"],
            ["Shaki-Zagatala", ">Biology<"],
        ),
        (
            "ru",
            ["Шеки-Закатала", "Биология", "Азербайджанский", "Казахстан"],
            ["Shaki-Zagatala", ">Biology<"],
        ),
        (
            "en",
            ["Shaki-Zagatala", "Biology", "Azerbaijani", "Kazakhstan"],
            ["Şəki-Zaqatala", "Биология"],
        ),
    ],
)
def test_directory_filters_and_cards_in_the_interface_language(
    client, aysel, prefix, shown, hidden
):
    body = client.get(f"/{prefix}/teachers/").content.decode()
    for text in shown:
        assert text in body, text
    for text in hidden:
        assert text not in body, text


@pytest.mark.parametrize(
    ("prefix", "place", "subject"),
    [
        ("az", "Şəki-Zaqatala, Azərbaycan", "Biologiya"),
        ("ru", "Шеки-Закатала, Азербайджан", "Биология"),
        ("en", "Shaki-Zagatala, Azerbaijan", "Biology"),
    ],
)
def test_profile_page_shows_the_school_region_in_the_interface_language(
    client, aysel, prefix, place, subject
):
    body = client.get(f"/{prefix}/teachers/{aysel.pk}/").content.decode()
    assert place in body
    assert f'<span class="tag">{subject}</span>' in body


def test_a_region_without_a_translation_shows_its_english_name(client):
    shaki = f.region("Shaki-Zagatala")
    valley = Region.objects.create(country=shaki.country, name="Demo Valley")
    f.teacher(name="Nigar", school_obj=f.school(region_obj=valley))
    for prefix in ("az", "ru"):
        body = client.get(f"/{prefix}/teachers/").content.decode()
        assert f'<option value="{valley.pk}">Demo Valley</option>' in body
        assert "Demo Valley" in body.split('class="grid acc-teachers"')[1]


def test_directory_query_count_is_the_same_in_every_language(client, aysel):
    from django.db import connection

    counts = {}
    for prefix in ("en", "az", "ru"):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/{prefix}/teachers/").status_code == 200
        counts[prefix] = len(queries)
    assert counts["az"] == counts["en"] == counts["ru"]


def test_staff_edit_the_translations_in_the_django_admin(admin_client):
    shaki = f.region("Shaki-Zagatala")
    valley = Region.objects.create(country=shaki.country, name="Demo Valley")
    listing = admin_client.get("/django-admin/community/region/", {"translation": "missing"})
    assert listing.status_code == 200
    names = [str(row) for row in listing.context["cl"].result_list]
    assert names == ["Demo Valley, Azerbaijan"]
    for model in ("country", "subject", "language"):
        response = admin_client.get(f"/django-admin/community/{model}/")
        assert response.status_code == 200 and 'name="form-0-name_ru"' in response.content.decode()
    response = admin_client.post(
        f"/django-admin/community/region/{valley.pk}/change/",
        {
            "country": shaki.country.pk,
            "name": "Demo Valley",
            "name_az": "Demo Vadisi",
            "name_ru": "Демо-долина",
        },
    )
    assert response.status_code == 302
    valley.refresh_from_db()
    assert (valley.name_az, valley.name_ru) == ("Demo Vadisi", "Демо-долина")


def test_profile_form_checkboxes_follow_the_interface_language():
    from community.forms import ProfileForm
    from community.models import Profile

    profile = Profile.objects.get(user=f.teacher(name="Leyla"))
    with translation.override("ru"):
        form = ProfileForm(instance=profile)
        subjects = _labels(form.fields["subjects"])
        assert (
            subjects[0] == "Английский язык"
            and subjects[-1] == "Школьное психологическое консультирование"
        )
        assert " Биология</label>" in str(form["subjects"])
