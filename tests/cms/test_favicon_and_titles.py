"""Each page has one title, and the site has an icon that browsers find."""

import re

from django.contrib.staticfiles import finders

from . import factories


def _title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()


def test_home_page_names_the_site_once(client, tree):
    assert _title(client.get("/en/").content.decode()) == "Teacher Commons"


def test_other_pages_are_named_then_the_site(client, tree):
    guide = factories.resource(tree["resources"], "Inclusive teaching practice")
    assert _title(client.get(guide.url).content.decode()) == "Inclusive teaching practice · Teacher Commons"
    home = tree["home"]
    home.seo_title = "Welcome"
    home.save_revision().publish()
    assert _title(client.get("/en/").content.decode()) == "Welcome · Teacher Commons"


def test_favicon_is_served_and_linked(client, tree):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    html = client.get("/en/").content.decode()
    assert 'rel="icon"' in html and "favicon.svg" in html and 'href="/favicon.ico"' in html
    svg = finders.find("favicon.svg")
    assert svg and open(svg).read().startswith("<svg")
