"""Reference data loaded by migration: countries of the region with their real regions, subjects, languages."""

import pytest

from community.models import Country, Language, Region, Subject

pytestmark = pytest.mark.django_db


def test_the_six_countries_are_there():
    assert set(Country.objects.values_list("code", "name")) >= {
        ("AZ", "Azerbaijan"),
        ("KZ", "Kazakhstan"),
        ("KG", "Kyrgyzstan"),
        ("TJ", "Tajikistan"),
        ("UZ", "Uzbekistan"),
        ("TR", "Turkey"),
    }


@pytest.mark.parametrize(
    ("code", "count", "some"),
    [
        (
            "AZ",
            14,
            {
                "Absheron-Khizi",
                "Ganja-Dashkasan",
                "Shaki-Zagatala",
                "Lankaran-Astara",
                "Guba-Khachmaz",
                "Shirvan-Salyan",
                "Mil-Mughan",
                "Garabagh",
                "Baku",
                "Nakhchivan",
            },
        ),
        (
            "KZ",
            20,
            {
                "Almaty",
                "Turkistan",
                "Kyzylorda",
                "Zhambyl",
                "Akmola",
                "East Kazakhstan",
                "Astana",
                "Almaty city",
                "Shymkent",
                "Ulytau",
            },
        ),
        (
            "KG",
            9,
            {"Batken", "Chüy", "Issyk-Kul", "Jalal-Abad", "Naryn", "Osh", "Talas", "Bishkek"},
        ),
        ("TJ", 5, {"Sughd", "Khatlon", "Gorno-Badakhshan", "Dushanbe"}),
        ("UZ", 14, {"Andijan", "Samarkand", "Fergana", "Karakalpakstan", "Tashkent"}),
        ("TR", 81, {"Ankara", "İstanbul", "Kars", "Iğdır", "Erzurum"}),
    ],
)
def test_first_level_regions(code, count, some):
    names = set(Region.objects.filter(country__code=code).values_list("name", flat=True))
    assert len(names) == count
    assert some <= names


def test_subjects_and_languages():
    slugs = set(Subject.objects.values_list("slug", flat=True))
    assert {
        "mathematics",
        "physics",
        "chemistry",
        "biology",
        "geography",
        "history",
        "native-language-literature",
        "russian",
        "english",
        "ict",
        "primary-education",
        "arts",
        "music",
        "physical-education",
        "special-inclusive-education",
    } <= slugs
    codes = set(Language.objects.values_list("code", flat=True))
    assert {"az", "ru", "kk", "ky", "uz", "tg", "tr", "en"} <= codes


def test_the_data_migration_can_run_again_without_duplicates():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("community.migrations.0002_reference_data")
    before = (Region.objects.count(), Subject.objects.count(), Language.objects.count())
    migration.load(apps, None)
    assert (Region.objects.count(), Subject.objects.count(), Language.objects.count()) == before
