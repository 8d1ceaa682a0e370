"""The live-notification script: loaded once, deferred, for signed-in teachers only; its live region."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db

SCRIPT = "js/notifications.js"


def scripts(html):
    return BeautifulSoup(html, "html.parser").find_all("script")


def notification_scripts(html):
    return [s for s in scripts(html) if s.get("src", "").endswith(SCRIPT)]


@pytest.fixture
def world():
    owner = f.user(username="owner", name="Olga Owner")
    c = f.community(name="Rural leaders", owner=owner)
    alice = f.user(username="alice", name="Alice Aliyeva")
    f.member(c, alice)
    return c, f.room(c), alice


def test_signed_in_pages_load_the_script_once_deferred_with_a_polite_live_region(client, world):
    c, _room, alice = world
    client.force_login(alice)
    for url in (
        reverse("discussions:directory"),
        reverse("discussions:notifications"),
        c.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        found = notification_scripts(html)
        assert len(found) == 1, url
        script = found[0]
        assert script.has_attr("defer") and script.get("data-ws-url") == "/ws/", url
        assert not [s for s in scripts(html) if not s.get("src")], url  # no inline script
        soup = BeautifulSoup(html, "html.parser")
        live = soup.select("#notification-live")
        assert len(live) == 1, url
        assert live[0].get("role") == "status" and live[0].get("aria-live") == "polite"
        assert "visually-hidden" in live[0]["class"] and not live[0].get_text(strip=True)
        assert soup.select_one("#notification-count")  # the badge works without the script
        assert "room.js" not in html, url


def test_a_room_page_loads_both_scripts_once_and_room_js_holds_the_one_socket(client, world):
    """room.js marks the page as holding the socket; notifications.js then only updates the badge."""
    _c, room, alice = world
    client.force_login(alice)
    html = client.get(reverse("discussions:room", args=[room.pk])).content.decode()
    assert len(notification_scripts(html)) == 1
    assert len([s for s in scripts(html) if s.get("src", "").endswith("js/room.js")]) == 1
    assert not [s for s in scripts(html) if not s.get("src")]
    assert html.count('id="notification-live"') == 1


def test_anonymous_visitors_get_no_script_and_no_live_region(client, world):
    _c, room, _alice = world
    for url in (reverse("discussions:directory"), reverse("discussions:room", args=[room.pk])):
        html = client.get(url).content.decode()
        assert notification_scripts(html) == [], url
        assert 'id="notification-live"' not in html, url
        assert 'id="notification-count"' not in html, url
