"""A page restricted to signed-in people is invisible to visitors everywhere."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction

from cms.models import ResourceDocument

from . import factories


@pytest.fixture
def private(tree):
    topic = factories.topic("Mentoring")
    public = factories.resource(tree["resources"], "Open mentoring guide", topics=[topic])
    hidden = factories.resource(tree["resources"], "Secret mentoring notes", topics=[topic])
    document = Document(title="Mentoring notes file")
    document.file.save("mentoring-notes.txt", ContentFile(b"private notes"), save=False)
    document.save()
    ResourceDocument.objects.create(page=hidden, document=document)
    event = factories.event(tree["events"], "Closed mentoring circle")
    news = factories.news_item(tree["news"], "Internal mentoring news")
    for page in (hidden, event, news):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    return {"public": public, "hidden": hidden, "document": document, "event": event, "news": news}


def test_restricted_page_is_404_for_visitors_and_shown_to_signed_in_teachers(
    client, private, teacher
):
    assert client.get(private["hidden"].url).status_code == 404
    client.force_login(teacher)
    assert client.get(private["hidden"].url).status_code == 200


def test_restricted_pages_are_missing_from_listings_and_home(client, tree, private, teacher):
    for url in (tree["resources"].url, tree["events"].url, tree["news"].url, "/en/"):
        html = client.get(url).content.decode()
        assert "Secret mentoring notes" not in html
        assert "Closed mentoring circle" not in html
        assert "Internal mentoring news" not in html
    assert "Open mentoring guide" in client.get(tree["resources"].url).content.decode()
    client.force_login(teacher)
    assert "Secret mentoring notes" in client.get(tree["resources"].url).content.decode()


def test_restricted_pages_are_missing_from_search(client, private, teacher):
    html = client.get("/en/search/", {"q": "mentoring"}).content.decode()
    assert "Open mentoring guide" in html
    assert "Secret mentoring notes" not in html
    client.force_login(teacher)
    assert (
        "Secret mentoring notes" in client.get("/en/search/", {"q": "mentoring"}).content.decode()
    )


def test_restricted_pages_are_missing_from_feeds_and_sitemap(client, private):
    for url in (
        "/en/feeds/news.rss",
        "/en/feeds/news.atom",
        "/en/feeds/events.rss",
        "/en/feeds/events.atom",
    ):
        body = client.get(url).content.decode()
        assert "Internal mentoring news" not in body and "Closed mentoring circle" not in body
    sitemap = client.get("/sitemap.xml").content.decode()
    assert private["public"].url in sitemap
    assert private["hidden"].url not in sitemap
    assert private["event"].url not in sitemap


def test_documents_of_restricted_pages_are_served_only_to_those_who_may_see_them(
    client, private, teacher
):
    document = private["document"]
    assert client.get(document.url).status_code == 404
    assert (
        client.get(f"/media/{document.file.name}").status_code == 404
    )  # never straight from storage
    client.force_login(teacher)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"private notes"
