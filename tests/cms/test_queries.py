"""Listing pages run a bounded number of queries whatever the number of pages."""

import pytest

from . import factories


def _fill(tree, n, topic):
    for i in range(n):
        factories.resource(tree["resources"], topics=[topic], content_language="en")
        factories.event(tree["events"], days=5 + i)
        factories.event(tree["events"], days=-5 - i)
        factories.news_item(tree["news"])


@pytest.mark.parametrize("url_key", ["resources", "events", "news", "home"])
def test_listing_queries_do_not_grow_with_the_number_of_pages(
    client, tree, django_assert_max_num_queries, url_key
):
    topic = factories.topic("Inclusive education")
    url = tree[url_key].url
    _fill(tree, 2, topic)
    client.get(url)  # warm the site-root cache
    with django_assert_max_num_queries(40) as small:
        assert client.get(url).status_code == 200
    _fill(tree, 12, topic)
    with django_assert_max_num_queries(len(small.captured_queries)) as _large:
        response = client.get(url)
    assert response.status_code == 200


def test_filtered_resource_listing_is_bounded(client, tree, django_assert_max_num_queries):
    topic = factories.topic("Inclusive education")
    _fill(tree, 3, topic)
    url = tree["resources"].url + "?topic=inclusive-education&language=en&format=guide&audience=all"
    client.get(url)
    with django_assert_max_num_queries(40) as small:
        client.get(url)
    _fill(tree, 12, topic)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(response.context["resources"]) == 12  # a full first page


def test_search_queries_are_bounded(client, tree, django_assert_max_num_queries, settings):
    settings.SITE_SEARCH_PROVIDERS = []
    topic = factories.topic("Inclusive education")
    _fill(tree, 2, topic)
    client.get("/en/search/?q=summary")
    with django_assert_max_num_queries(60) as small:
        client.get("/en/search/?q=summary")
    _fill(tree, 10, topic)
    with django_assert_max_num_queries(len(small.captured_queries) + 2):
        client.get("/en/search/?q=summary")


@pytest.mark.parametrize("url_key", ["home", "resources", "events"])
@pytest.mark.parametrize("signed_in", [False, True])
def test_view_restrictions_are_read_once_per_page_however_many_listings_ask(
    client, tree, teacher, url_key, signed_in, settings
):
    """Every listing, count and link of a page asks what the reader may not see: one answer."""
    settings.PAGE_CACHE_SECONDS = 0  # the page's rendering, not a stored copy
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    topic = factories.topic("Inclusive education")
    _fill(tree, 2, topic)
    for parent in (tree["resources"], tree["events"]):
        hidden = factories.resource(parent, title="Staff only")
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    if signed_in:
        client.force_login(teacher)
    url = tree[url_key].url
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    ours = [
        q["sql"]
        for q in queries.captured_queries
        if 'FROM "wagtailcore_pageviewrestriction" INNER JOIN' in q["sql"]
    ]
    assert len(ours) == 1, ours
