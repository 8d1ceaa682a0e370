"""@mention completion: the room's people by handle and display name, for its readers only."""

import pytest
from django.urls import reverse

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def people(client, room, q):
    response = client.get(reverse("discussions:room_people", args=[room.pk]), {"q": q})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def private_room():
    owner = f.user(username="rustam", name="Rustam Guliyev")
    c = f.community(visibility="private", owner=owner)
    aysel = f.user(username="aysel.m", name="Aysel Mammadova")
    leyla = f.user(username="lq", name="Leyla Ayazova")
    f.member(c, aysel)
    f.member(c, leyla)
    return owner, f.room(c)


def test_members_are_found_by_handle_and_by_a_word_of_their_name(client, private_room):
    owner, room = private_room
    outsider = f.user(username="ayan", name="Ayan Outsider")  # not a member: never offered
    assert outsider
    client.force_login(owner)
    # "ay": Aysel's handle and first name, Leyla's surname; the handle match comes first
    assert people(client, room, "ay") == [
        {"handle": "aysel.m", "name": "Aysel Mammadova"},
        {"handle": "lq", "name": "Leyla Ayazova"},
    ]
    assert people(client, room, "MAMMA") == [{"handle": "aysel.m", "name": "Aysel Mammadova"}]
    assert people(client, room, "@lq") == [{"handle": "lq", "name": "Leyla Ayazova"}]
    assert people(client, room, "") == []
    assert people(client, room, "zz") == []


def test_banned_and_departed_members_are_not_offered(client, private_room):
    owner, room = private_room
    f.member(room.community, f.user(username="ayla", name="Ayla Banned"), state="banned")
    client.force_login(owner)
    assert [p["handle"] for p in people(client, room, "ayl")] == []


def test_the_e_mail_address_is_never_matched_or_returned(client, private_room):
    owner, room = private_room
    client.force_login(owner)
    # factories give "<handle>@example.org": the domain names nobody
    assert people(client, room, "example") == []
    response = client.get(reverse("discussions:room_people", args=[room.pk]), {"q": "a"})
    assert b"@example" not in response.content
    assert b"email" not in response.content


def test_an_outsider_of_a_private_room_and_a_visitor_get_404(client, private_room):
    _owner, room = private_room
    url = reverse("discussions:room_people", args=[room.pk])
    assert client.get(url, {"q": "ay"}).status_code == 404  # visitor
    client.force_login(f.user(username="stranger", name="Some Stranger"))
    assert client.get(url, {"q": "ay"}).status_code == 404
    assert client.get(reverse("discussions:room_people", args=[999999]), {"q": "ay"}).status_code == 404


def test_at_most_eight_in_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    owner = f.user(username="owner1", name="Olga Owner")
    c = f.community(owner=owner)
    room = f.room(c)
    for i in range(20):
        f.member(c, f.user(username=f"nigar{i:02d}", name=f"Nigar Teacher {i:02d}"))
    client.force_login(owner)
    people(client, room, "nig")  # the session and the like, loaded once
    with django_assert_max_num_queries(6):
        found = people(client, room, "nig")
    assert len(found) == 8
    assert [p["handle"] for p in found] == [f"nigar{i:02d}" for i in range(8)]


def test_a_project_room_offers_its_partners_to_its_partners_only(client):
    from tests.projects import factories as pf

    project, founder, partner = pf.two_school_project()
    pf.teacher("Bakhyt Outsider")  # same first name, not in the project
    room = project.room
    assert room is not None
    client.force_login(founder)
    assert people(client, room, "bakh") == [{"handle": partner.handle, "name": "Bakhyt"}]
    client.force_login(pf.teacher("Nobody Here"))
    assert client.get(reverse("discussions:room_people", args=[room.pk]), {"q": "b"}).status_code == 404


def test_the_room_page_points_signed_in_readers_at_the_people_and_visitors_at_nothing(client):
    owner = f.user(username="pubowner", name="Pub Owner")
    room = f.room(f.community(owner=owner))  # public: visitors read it
    url = reverse("discussions:room_people", args=[room.pk])
    page = reverse("discussions:room", args=[room.pk])
    assert f'data-people-url="{url}"'.encode() not in client.get(page).content
    assert client.get(url, {"q": "pub"}).status_code == 404
    client.force_login(owner)
    assert f'data-people-url="{url}"'.encode() in client.get(page).content
    assert people(client, room, "pub") == [{"handle": "pubowner", "name": "Pub Owner"}]
