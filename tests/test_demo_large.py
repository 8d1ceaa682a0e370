"""`seed_demo --scale large` at a tiny factor: a consistent world that the real pages and services use."""

import io
import re

import pytest
from django.core.management import call_command

from community.demo_large import COUNTS, MARKER
from community.discussions.models import Community, Membership, Message, ReadState, Room
from community.models import User

pytestmark = pytest.mark.django_db

FACTOR = 0.002


def _seed(factor):
    from cms import demo as cms_demo
    from community import demo

    out = io.StringIO()
    # The small demo's people and site (the command then leaves the small demo alone).
    demo.seed(out)
    cms_demo.seed(out)
    call_command("seed_demo", "--scale", "large", "--factor", str(factor), stdout=out)
    return out.getvalue()


def _world_counts():
    from cms.models import EventRegistration
    from projects.models import Project

    return (
        {
            "teachers": User.objects.filter(username__startswith=MARKER).count(),
            "communities": Community.objects.filter(slug__startswith=MARKER).count(),
            "rooms": Room.objects.filter(community__slug__startswith=MARKER).count(),
            "messages": Message.objects.filter(room__community__slug__startswith=MARKER).count(),
            "projects": Project.objects.filter(founder__username__startswith=MARKER).count(),
        },
        EventRegistration.objects.filter(user__username__startswith=MARKER).count(),
    )


def _outsider_and_member(community):
    member_ids = Membership.objects.filter(community=community, state="active").values("user_id")
    member = User.objects.get(
        pk=Membership.objects.filter(community=community, state="active").first().user_id
    )
    outsider = (
        User.objects.filter(username__startswith=MARKER, verified_at__isnull=False)
        .exclude(pk__in=member_ids)
        .first()
    )
    return outsider, member


def _counts_follow_the_factor_and_a_second_run_adds_nothing(world):
    counts, registrations = _world_counts()
    for name, value in counts.items():
        assert value == round(COUNTS[name] * FACTOR), name
    assert 0 < registrations <= counts["teachers"]  # one registration per teacher and event
    assert "Stage times:" in world and "community.discussions" in world
    out = io.StringIO()
    call_command("seed_demo", "--scale", "large", "--factor", str(FACTOR), stdout=out)
    assert _world_counts() == (counts, registrations)
    assert "already there" in out.getvalue()


def _a_private_seeded_community_is_invisible_to_an_outsider(client):
    private = Community.objects.filter(slug__startswith=MARKER, visibility="private").first()
    assert (
        Community.objects.filter(slug__startswith=MARKER).count()
        == 4 * Community.objects.filter(slug__startswith=MARKER, visibility="private").count()
    )
    outsider, member = _outsider_and_member(private)
    room = private.rooms.order_by("position").first()
    client.force_login(outsider)
    assert client.get(f"/en/communities/{private.slug}/").status_code == 404
    assert client.get(f"/en/rooms/{room.pk}/").status_code == 404
    listing = client.get("/en/communities/").content.decode()
    assert private.name not in listing
    client.force_login(member)
    assert client.get(f"/en/rooms/{room.pk}/").status_code == 200


def _the_big_room_shows_its_latest_messages_in_order_and_a_new_post_takes_the_next_seq(client):
    from community.discussions.selectors import unread_counts
    from community.discussions.services.messages import message_post

    room = Room.objects.filter(community__slug__startswith=MARKER).order_by("-last_seq").first()
    assert room.last_seq == round(COUNTS["big_room"] * FACTOR)
    assert list(room.messages.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, room.last_seq + 1)
    )
    page = client.get(f"/en/rooms/{room.pk}/").content.decode()
    shown = [int(seq) for seq in re.findall(r'data-seq="(\d+)"', page)]
    assert shown and shown == sorted(shown) and shown[-1] == room.last_seq
    assert shown == list(range(shown[0], room.last_seq + 1))

    # A member who had read everything sees one unread message once someone else posts.
    state = (
        ReadState.objects.filter(room=room, last_read_seq=room.last_seq)
        .select_related("user")
        .first()
    )
    reader = (
        state.user if state else User.objects.get(pk=room.community.memberships.first().user_id)
    )
    if state is None:
        ReadState.objects.create(room=room, user=reader, last_read_seq=room.last_seq)
    assert unread_counts(reader, [room]).get(room.pk, 0) == 0
    poster = User.objects.get(
        pk=room.community.memberships.filter(state="active", user__verified_at__isnull=False)
        .exclude(user=reader)
        .first()
        .user_id
    )
    before = room.last_seq
    message, created = message_post(
        user=poster, room=room, body="After the seeding, hello", client_id="after-1"
    )
    assert created and message.seq == before + 1
    room.refresh_from_db()
    assert room.last_seq == message.seq
    assert unread_counts(reader, [room])[room.pk] == 1
    page = client.get(f"/en/rooms/{room.pk}/").content.decode()
    assert "After the seeding, hello" in page


def _seeded_rows_are_found_by_the_site_search_and_listed_by_the_site(client):
    from cms.models import ResourceIndexPage, ResourcePage
    from community.discussions.search import search_for
    from projects.models import Project
    from projects.selectors import statistics

    rare = search_for("ornament", user=None, filters={})
    assert rare and all(hit["kind"] == "message" for hit in rare)
    public_rooms = set(
        Room.objects.filter(community__visibility="public").values_list("pk", flat=True)
    )
    for hit in rare:
        room_id = int(re.search(r"/rooms/(\d+)/", hit["url"]).group(1))
        assert room_id in public_rooms
    seeded = (
        ResourcePage.objects.live()
        .filter(slug__startswith=MARKER, locale__language_code="az")
        .first()
    )
    index = ResourceIndexPage.objects.get(locale__language_code="az")
    assert seeded.title in client.get(index.url).content.decode()
    assert ResourcePage.objects.live().filter(translation_key=seeded.translation_key).count() == 3
    english = ResourcePage.objects.get(
        translation_key=seeded.translation_key, locale__language_code="en"
    )
    found = client.get("/en/search/", {"q": "bazaar prices"}).content.decode()
    assert english.title in found
    assert statistics()["totals"]["projects"] == Project.objects.count()
    assert set(
        Project.objects.filter(founder__username__startswith=MARKER).values_list(
            "status", flat=True
        )
    ) == {"draft", "seeking", "active", "completed", "archived"}


def test_a_tiny_large_world_is_what_the_pages_and_services_would_have_made(client):
    """One seeding (the slow part) for every check: counts, privacy, search, listings, the room."""
    output = _seed(FACTOR)
    _counts_follow_the_factor_and_a_second_run_adds_nothing(output)
    _a_private_seeded_community_is_invisible_to_an_outsider(client)
    _seeded_rows_are_found_by_the_site_search_and_listed_by_the_site(client)
    client.logout()
    _the_big_room_shows_its_latest_messages_in_order_and_a_new_post_takes_the_next_seq(client)
