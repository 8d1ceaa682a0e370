"""Site search: Wagtail search over visible pages, filters, and results from other apps' providers."""

import pytest
from wagtail.models import Locale, PageViewRestriction

from . import factories

FAKE_RESULTS = []


def fake_provider(query, *, user, filters):
    if filters.get("type") and filters["type"] != "community":
        return []
    FAKE_RESULTS.append((query, user, dict(filters)))
    return [
        {
            "title": f"Community about {query}",
            "url": "/en/communities/1/",
            "kind": "community",
            "kind_label": "Community",
            "summary": "A learning community",
            "date": None,
        }
    ]


def broken_provider(query, *, user, filters):
    raise RuntimeError("boom")


@pytest.fixture
def content(tree):
    inclusion = factories.topic("Inclusive education")
    ict = factories.topic("ICT in education")
    guide = factories.resource(tree["resources"], "Inclusive classroom guide", topics=[inclusion])
    tablets = factories.resource(tree["resources"], "Classroom tablets lesson plan", topics=[ict])
    event = factories.event(tree["events"], "Classroom leadership workshop", topics=[])
    event.topics.set([inclusion])
    event.save()
    news = factories.news_item(tree["news"], "Classroom news")
    draft = factories.resource(tree["resources"], "Classroom draft", live=False)
    return {"guide": guide, "tablets": tablets, "event": event, "news": news, "draft": draft}


def _titles(response):
    return [r["title"] for r in response.context["results"]]


@pytest.fixture
def no_providers(settings):
    settings.SITE_SEARCH_PROVIDERS = []


def test_search_finds_live_pages_of_every_type(client, content, no_providers):
    titles = _titles(client.get("/en/search/", {"q": "classroom"}))
    assert set(titles) == {
        "Inclusive classroom guide",
        "Classroom tablets lesson plan",
        "Classroom leadership workshop",
        "Classroom news",
    }


def test_filters_by_type_topic_and_language(client, content, tree, no_providers):
    assert set(_titles(client.get("/en/search/", {"q": "classroom", "type": "event"}))) == {
        "Classroom leadership workshop"
    }
    assert set(
        _titles(client.get("/en/search/", {"q": "classroom", "topic": "inclusive-education"}))
    ) == {
        "Inclusive classroom guide",
        "Classroom leadership workshop",
    }
    copy = content["guide"].copy_for_translation(
        Locale.objects.get(language_code="az"), copy_parents=True
    )
    copy.title = "Classroom guide in Azerbaijani"
    copy.save_revision().publish()
    assert _titles(client.get("/en/search/", {"q": "classroom", "language": "az"})) == [
        "Classroom guide in Azerbaijani"
    ]


def test_other_apps_join_the_results_and_a_broken_provider_is_skipped(client, content, settings):
    settings.SITE_SEARCH_PROVIDERS = [
        "tests.cms.test_search.broken_provider",
        "tests.cms.test_search.fake_provider",
    ]
    FAKE_RESULTS.clear()
    response = client.get("/en/search/", {"q": "classroom", "language": "en"})
    titles = _titles(response)
    assert "Community about classroom" in titles and "Inclusive classroom guide" in titles
    assert FAKE_RESULTS[0][2] == {"language": "en"}
    only = _titles(client.get("/en/search/", {"q": "classroom", "type": "community"}))
    assert only == ["Community about classroom"]


def test_results_are_paginated(client, tree, no_providers):
    for n in range(25):
        factories.resource(tree["resources"], f"Rural school guide {n}")
    first = client.get("/en/search/", {"q": "rural"})
    assert first.context["result_count"] == 25
    assert len(first.context["results"]) == 20
    second = client.get("/en/search/", {"q": "rural", "page": 2})
    assert len(second.context["results"]) == 5
    assert 'rel="next"' in first.content.decode()


def test_empty_query_shows_the_form_only(client, tree):
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert response.context["results"].paginator.count == 0


def test_full_text_matches_words_in_the_summary_not_only_the_title(client, tree, no_providers):
    factories.resource(
        tree["resources"], "Seating plans", summary="Helps pupils with hearing impairments"
    )
    assert _titles(client.get("/en/search/", {"q": "hearing"})) == ["Seating plans"]
    # Whatever the language choice, the words are matched by the search index.
    for language in ("en", "any"):
        assert _titles(client.get("/en/search/", {"q": "hearing", "language": language})) == [
            "Seating plans"
        ]
    assert _titles(client.get("/az/search/", {"q": "hearing"})) == ["Seating plans"]


@pytest.fixture
def translated(content, tree):
    """The guide in English and Azerbaijani (both matching "classroom"), the tablets plan in English only."""
    az = Locale.objects.get(language_code="az")
    tree["home"].copy_for_translation(az, copy_parents=True).save_revision().publish()
    copy = content["guide"].copy_for_translation(az, copy_parents=True)
    copy.title = "Inclusive classroom guide AZ"
    copy.save_revision().publish()
    return copy


def test_search_defaults_to_the_interface_language_plus_untranslated_pages(
    client, translated, no_providers
):
    az_titles = _titles(client.get("/az/search/", {"q": "classroom"}))
    assert "Inclusive classroom guide AZ" in az_titles
    assert "Inclusive classroom guide" not in az_titles  # its translation is listed instead
    assert "Classroom tablets lesson plan" in az_titles  # exists in English only
    en_titles = _titles(client.get("/en/search/", {"q": "classroom"}))
    assert "Inclusive classroom guide" in en_titles
    assert "Inclusive classroom guide AZ" not in en_titles
    assert "Classroom tablets lesson plan" in en_titles


def test_any_language_or_one_language_can_still_be_chosen(client, translated, no_providers):
    response = client.get("/az/search/", {"q": "classroom", "language": "any"})
    titles = _titles(response)
    assert {"Inclusive classroom guide", "Inclusive classroom guide AZ"} <= set(titles)
    html = response.content.decode()
    assert '<option value="any" selected>' in html
    assert "language=any" in response.context["querystring"]
    only_en = _titles(client.get("/az/search/", {"q": "classroom", "language": "en"}))
    assert "Inclusive classroom guide" in only_en
    assert "Inclusive classroom guide AZ" not in only_en
    only_az = _titles(client.get("/en/search/", {"q": "classroom", "language": "az"}))
    assert only_az == ["Inclusive classroom guide AZ"]


def test_a_translation_the_searcher_may_not_see_does_not_hide_the_original(
    client, translated, no_providers
):
    PageViewRestriction.objects.create(page=translated, restriction_type=PageViewRestriction.LOGIN)
    titles = _titles(client.get("/az/search/", {"q": "classroom"}))
    assert "Inclusive classroom guide" in titles
    assert "Inclusive classroom guide AZ" not in titles


def test_other_providers_get_no_default_language(client, content, settings):
    settings.SITE_SEARCH_PROVIDERS = ["tests.cms.test_search.fake_provider"]
    FAKE_RESULTS.clear()
    titles = _titles(client.get("/az/search/", {"q": "classroom"}))
    assert "Community about classroom" in titles
    client.get("/az/search/", {"q": "classroom", "language": "any"})
    assert [filters for _q, _u, filters in FAKE_RESULTS] == [{}, {}]
