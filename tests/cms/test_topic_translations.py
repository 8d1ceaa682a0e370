"""Topic tags are translatable snippets: readers see them in their language, English where missing."""

import importlib

import pytest
from django.apps import apps as global_apps
from wagtail.models import Locale

from cms.models import Topic

from . import factories


@pytest.fixture
def tagged(tree):
    topic = factories.topic("Inclusive education")
    factories.translate_topic(topic, "az", "İnklüziv təhsil")
    untranslated = factories.topic("Teacher leadership")
    guide = factories.resource(tree["resources"], "Guide", topics=[topic, untranslated])
    az_guide = factories.publish_translation(guide, "az", title="Bələdçi")
    ru_guide = factories.publish_translation(guide, "ru", title="Руководство")
    return {"topic": topic, "guide": guide, "az_guide": az_guide, "ru_guide": ru_guide, **tree}


def test_a_page_shows_its_topics_in_the_readers_language(client, tagged):
    en = client.get(tagged["guide"].url).content.decode()
    assert "Inclusive education" in en and "İnklüziv təhsil" not in en
    az = client.get(tagged["az_guide"].url).content.decode()
    assert "İnklüziv təhsil" in az and "Inclusive education" not in az
    assert "Teacher leadership" in az  # not translated yet: its own name
    ru = client.get(tagged["ru_guide"].url).content.decode()
    assert "Inclusive education" in ru  # no Russian name: the original


def test_topic_filters_list_each_topic_once_in_the_readers_language(client, tagged):
    az_index = tagged["resources"].get_translation(Locale.objects.get(language_code="az"))
    html = client.get(az_index.url).content.decode()
    assert html.count('value="inclusive-education"') == 1
    assert "İnklüziv təhsil" in html
    # The shared slug filters the translated pages too.
    response = client.get(az_index.url, {"topic": "inclusive-education"})
    assert "Bələdçi" in response.content.decode()
    search = client.get("/az/search/", {"q": "Bələdçi"}).content.decode()
    assert search.count('value="inclusive-education"') == 1 and "İnklüziv təhsil" in search


def test_a_topic_has_one_translation_per_language(tagged):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Topic.objects.create(
            translation_key=tagged["topic"].translation_key,
            locale=Locale.objects.get(language_code="az"),
            slug="inclusive-education",
            name="Başqa ad",
        )


def test_the_migration_keeps_topics_and_seeds_the_demo_translations(db):
    """Existing topics get the default language; the demo topics get az and ru names."""
    migration = importlib.import_module("cms.migrations.0005_topic_translations")
    en = Locale.objects.get(language_code="en")
    # A demo topic as it was before: no translations yet.
    original = Topic.objects.create(slug="ict-in-education", name="ICT in education", locale=en)
    migration.forwards(global_apps, None)
    names = dict(
        Topic.objects.filter(translation_key=original.translation_key).values_list(
            "locale__language_code", "name"
        )
    )
    assert names == {"en": "ICT in education", "az": "Təhsildə İKT", "ru": "ИКТ в образовании"}
    migration.forwards(global_apps, None)  # idempotent
    assert Topic.objects.filter(translation_key=original.translation_key).count() == 3
