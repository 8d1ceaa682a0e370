"""Feeds, sitemap and robots.txt."""

import xml.etree.ElementTree as ET

from . import factories


def test_news_and_event_feeds_list_public_items(client, tree):
    factories.news_item(tree["news"], "Mentors wanted")
    factories.event(tree["events"], "Rural leadership workshop")
    rss = client.get("/en/feeds/news.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    titles = [el.text for el in ET.fromstring(rss.content).iter("title")]
    assert "Mentors wanted" in titles
    atom = client.get("/en/feeds/events.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    assert "Rural leadership workshop" in atom.content.decode()
    assert "Rural leadership workshop" in client.get("/en/feeds/events.rss").content.decode()
    assert "Mentors wanted" in client.get("/en/feeds/news.atom").content.decode()


def test_index_pages_advertise_their_feeds(client, tree):
    html = client.get(tree["news"].url).content.decode()
    assert 'type="application/rss+xml"' in html and "/en/feeds/news.rss" in html


def test_sitemap_lists_live_pages(client, tree):
    page = factories.resource(tree["resources"], "Listed guide")
    draft = factories.resource(tree["resources"], "Draft guide", live=False)
    body = client.get("/sitemap.xml").content.decode()
    assert page.url in body and "/en/resources/" in body
    assert draft.slug not in body


def test_robots_txt_points_to_the_sitemap(client, db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://commons.example.az"  # SITE_URL; the Site says localhost
    body = client.get("/robots.txt").content.decode()
    assert "User-agent: *" in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: https://commons.example.az/sitemap.xml" in body
