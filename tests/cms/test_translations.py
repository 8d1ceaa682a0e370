"""Locales, translated pages reachable under their language prefix, and the language switcher."""

from django.conf import settings
from wagtail.models import Locale

from . import factories


def test_a_locale_exists_for_every_language(db):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert {code for code, _name in settings.LANGUAGES} <= codes


def test_translation_is_reachable_and_the_switcher_goes_to_it(client, tree):
    guide = factories.resource(tree["resources"], "Inclusive teaching practice", slug="inclusive")
    other = factories.resource(tree["resources"], "Only in English", slug="only-en")
    az_home = factories.publish_translation(tree["home"], "az", title="Teacher Commons AZ")
    az_guide = factories.publish_translation(guide, "az", title="İnklüziv tədris təcrübəsi")

    assert client.get("/az/").status_code == 200
    response = client.get(az_guide.url)
    assert response.status_code == 200
    assert "İnklüziv tədris təcrübəsi" in response.content.decode()
    assert response.context["translations"]["en"] == guide.url

    html = client.get(guide.url).content.decode()
    assert f'href="{az_guide.url}" lang="az"' in html  # switcher links to the translation

    # No translation: the switcher goes to the nearest page in that language (the
    # section, which translating the guide copied), else to that language's home page.
    response = client.get(other.url)
    az_resources = tree["resources"].get_translation(az_home.locale)
    assert response.context["translations"]["az"] == az_resources.url
    assert "ru" not in response.context["translations"]  # no Russian site yet
    news = factories.news_item(tree["news"], "English news")
    assert client.get(news.url).context["translations"]["az"] == az_home.url
