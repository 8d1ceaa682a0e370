"""Visitors' pages from the shared cache (community/pagecache.py): served again until anything
changes, with the visitor's own CSRF token, and never holding a byte a reader's rights chose."""

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from community import pagecache
from community.discussions.models import Community
from community.discussions.services.messages import message_post
from tests.community import discussions_factories as df
from tests.security import access_world, routes

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def stored(monkeypatch):
    """Every entry the page cache stores, as (key, entry)."""
    entries = []
    real_set = cache.set

    def spy(key, value, *args, **kwargs):
        if isinstance(value, dict) and "body" in value:
            entries.append((key, value))
        return real_set(key, value, *args, **kwargs)

    monkeypatch.setattr(pagecache.cache, "set", spy)
    return entries


def _public_room():
    return df.room(df.community(name="Mountain schools", rooms=("Crafts corner",)))


def test_a_second_visitor_gets_the_stored_page_with_a_token_of_their_own():
    room = _public_room()
    url = reverse("discussions:room", args=[room.pk])
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    a = first.get(url)
    b = second.get(url)
    assert a.status_code == b.status_code == 200
    assert a["X-Page-Cache"] == "miss" and b["X-Page-Cache"] == "hit"
    assert "Crafts corner" in b.content.decode()
    token_a, token_b = TOKEN.findall(a.content.decode()), TOKEN.findall(b.content.decode())
    assert token_b and len(token_a) == len(token_b)
    assert set(token_a).isdisjoint(token_b)
    # the stored copy's token works for the second visitor: the language form is accepted
    response = second.post(reverse("set_language"), {"language": "az", "next": url, "csrfmiddlewaretoken": token_b[0]})
    assert response.status_code == 302
    assert second.cookies["django_language"].value == "az"


def test_a_new_message_shows_at_once():
    room = _public_room()
    author = df.user()
    df.member(room.community, author)
    url = reverse("discussions:room", args=[room.pk])
    assert Client().get(url)["X-Page-Cache"] == "miss"
    assert Client().get(url)["X-Page-Cache"] == "hit"
    message_post(user=author, room=room, body="Felt-making next Tuesday", client_id="c1")
    page = Client().get(url)
    assert "Felt-making next Tuesday" in page.content.decode()


def test_a_community_turned_private_is_gone_for_the_next_visitor():
    room = _public_room()
    url = reverse("discussions:room", args=[room.pk])
    assert Client().get(url).status_code == 200
    assert Client().get(url)["X-Page-Cache"] == "hit"
    # a bulk write sends no row signal: the access change itself ends the stored pages
    Community.objects.filter(pk=room.community_id).update(visibility=Community.Visibility.PRIVATE)
    from community.realtime import access_changed

    access_changed(rooms=[room.pk])
    assert Client().get(url).status_code in (302, 403, 404)


def test_each_language_and_the_data_saver_have_their_own_copy():
    room = _public_room()
    en = Client().get(reverse("discussions:room", args=[room.pk]))
    az = Client().get(f"/az/rooms/{room.pk}/")
    assert en["X-Page-Cache"] == "miss" and az["X-Page-Cache"] == "miss"
    assert 'lang="az"' in az.content.decode()
    saver = Client(headers={"Save-Data": "on"}).get(reverse("discussions:room", args=[room.pk]))
    assert saver["X-Page-Cache"] == "miss"


def test_signed_in_people_sessions_and_posts_are_never_stored(stored):
    room = _public_room()
    member = df.user()
    df.member(room.community, member)
    url = reverse("discussions:room", args=[room.pk])
    signed_in = Client()
    signed_in.force_login(member)
    assert "X-Page-Cache" not in signed_in.get(url)
    signed_in.logout()  # the session cookie stays with the browser
    signed_in.cookies["sessionid"] = "stale"
    assert "X-Page-Cache" not in signed_in.get(url)
    assert "X-Page-Cache" not in Client().post(url)
    assert stored == []


def test_no_page_a_reader_of_secrets_opens_is_stored(stored):
    """Every route, as every role that may read a secret of the access world (private
    community, direct message, project workspace, pupils): not one response enters the cache.
    What visitors' pages may carry is the access matrix's question (tests/security)."""
    world = access_world.build()
    args = routes.route_args(world)
    readers = set().union(*access_world.SECRETS.values()) - {"visitor"}
    clients = []
    for role in sorted(readers):
        client = Client(raise_request_exception=False)
        client.force_login(world.users[role])
        clients.append(client)
    visited = 0
    for name in sorted(routes.site_route_names()):
        try:
            url = reverse(name, kwargs=args.get(name, {}))
        except Exception:  # noqa: BLE001 - a route the world gives no arguments for
            continue
        for client in clients:
            client.get(url)
            visited += 1
    assert visited > 100
    assert stored == []
    # and the same walk as a visitor does store pages: the spy sees what the cache keeps
    for name in ("home", "discussions:directory"):
        Client().get(reverse(name))
    assert len(stored) == 2
