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
    factories.publish_translation(tree["home"], "az", title="Teacher Commons AZ")
    az_guide = factories.publish_translation(guide, "az", title="İnklüziv tədris təcrübəsi")

    assert client.get("/az/").status_code == 200
    response = client.get(az_guide.url)
    assert response.status_code == 200
    assert "İnklüziv tədris təcrübəsi" in response.content.decode()
    assert response.context["translations"]["en"] == guide.url

    html = client.get(guide.url).content.decode()
    assert f'href="{az_guide.url}" lang="az"' in html  # switcher links to the translation

    # No translation: the footer links to the page's address in that language, which
    # leads back to the page in its own language (never a 404), whether or not that
    # language has its section or a site at all.
    response = client.get(other.url)
    assert response.context["translations"]["az"] == "/az/resources/only-en/"
    assert response.context["translations"]["ru"] == "/ru/resources/only-en/"
    news = factories.news_item(tree["news"], "English news")
    az_news = client.get(news.url).context["translations"]["az"]
    assert az_news == news.url.replace("/en/", "/az/", 1)
    for address in ("/az/resources/only-en/", "/ru/resources/only-en/", az_news):
        followed = client.get(address, follow=True)
        assert followed.status_code == 200, address
