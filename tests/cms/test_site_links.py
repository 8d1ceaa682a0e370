"""Absolute links name the site's real address, and the sitemap lists each page's translations."""

import re

import pytest
from django.test import override_settings
from wagtail.models import Site

from . import factories


def _configure_site(hostname, port):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()
    Site.clear_site_root_paths_cache()


@pytest.fixture
def pages(tree):
    event = factories.event(tree["events"], "Regional workshop")
    news = factories.news_item(tree["news"], "Spring news")
    return {"event": event, "news": news}


def _every_absolute_link(client, pages):
    bodies = {
        "sitemap": client.get("/sitemap.xml").content.decode(),
        "robots": client.get("/robots.txt").content.decode(),
        "ics": client.get(f"/en/events/{pages['event'].pk}/calendar.ics").content.decode(),
    }
    for feed in ("news.rss", "news.atom", "events.rss", "events.atom"):
        bodies[feed] = client.get(f"/en/feeds/{feed}").content.decode()
    return bodies


def test_links_use_the_configured_wagtail_site(client, pages):
    _configure_site("teachercommons.example", 443)
    for name, body in _every_absolute_link(client, pages).items():
        assert "localhost" not in body, name
        assert "testserver" not in body, name
        assert "https://teachercommons.example/" in body, name
    ics = _every_absolute_link(client, pages)["ics"]
    assert f"URL:https://teachercommons.example{pages['event'].url}" in ics


@override_settings(WAGTAILADMIN_BASE_URL="https://commons.example.az")
def test_a_site_still_named_localhost_takes_the_site_url_setting(client, pages):
    _configure_site("localhost", 80)
    for name, body in _every_absolute_link(client, pages).items():
        assert "localhost" not in body, name
        assert "https://commons.example.az/" in body, name


def test_sitemap_lists_translations_as_alternates_with_x_default(client, tree, pages):
    _configure_site("teachercommons.example", 443)
    guide = factories.resource(tree["resources"], "Guide")
    factories.publish_translation(tree["home"], "az", title="Müəllim")
    translated = factories.publish_translation(guide, "az", title="Bələdçi")
    factories.publish_translation(guide, "ru", title="Руководство")
    sitemap = client.get("/sitemap.xml").content.decode()
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    en_url = f"https://teachercommons.example{guide.url}"
    entry = next(e for e in entries if f"<loc>{en_url}</loc>" in e)
    assert f'hreflang="en" href="{en_url}"' in entry
    assert f'hreflang="az" href="https://teachercommons.example{translated.url}"' in entry
    assert 'hreflang="ru"' in entry
    assert f'hreflang="x-default" href="{en_url}"' in entry
    # The az copy lists the same set; a page without translations lists none.
    az_entry = next(e for e in entries if f"{translated.url}</loc>" in e)
    assert f'hreflang="x-default" href="{en_url}"' in az_entry
    lonely = next(e for e in entries if pages["news"].url in e)
    assert "hreflang" not in lonely
