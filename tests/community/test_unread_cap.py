"""Unread counts stop at the cap: a room never read costs a hundred rows, and the badge says 99+."""

import pytest
from bs4 import BeautifulSoup

from community.discussions.models import Message, ReadState, Room
from community.discussions.selectors import UNREAD_CAP, unread_counts
from community.discussions.services.reads import read_mark

from . import discussions_factories as f
from .discussions_factories import discussions_defaults  # noqa: F401

pytestmark = pytest.mark.django_db


def _fill(room, author, n):
    start = room.last_seq
    Message.objects.bulk_create(
        Message(room=room, seq=start + i, author=author, body=f"m{i}", body_html=f"<p>m{i}</p>")
        for i in range(1, n + 1)
    )
    Room.objects.filter(pk=room.pk).update(last_seq=start + n)
    room.refresh_from_db()


@pytest.fixture
def world():
    owner = f.user(username="owner", name="Olga Owner")
    c = f.community(name="Rural leaders", owner=owner)
    reader = f.user(username="reader", name="Rena Reader")
    f.member(c, reader)
    return c, f.room(c), owner, reader


def test_a_long_unread_room_counts_to_the_cap_and_the_badge_says_99_plus(client, world):
    c, room, owner, reader = world
    _fill(room, owner, UNREAD_CAP + 50)
    assert unread_counts(reader, [room]) == {room.pk: UNREAD_CAP}
    client.force_login(reader)
    soup = BeautifulSoup(client.get(c.get_absolute_url()).content, "html.parser")
    badge = soup.select_one(f'[data-room-unread="{room.pk}"]')
    assert badge.get_text(" ", strip=True).startswith(f"{UNREAD_CAP - 1}+")


def test_under_the_cap_the_count_is_exact_and_skips_ones_own_and_removed_messages(world):
    c, room, owner, reader = world
    _fill(room, owner, 30)
    f.message(room, reader, "my own")
    f.message(room, owner, "gone", deleted_at=room.created_at)
    room.refresh_from_db()
    assert unread_counts(reader, [room]) == {room.pk: 30}
    ReadState.objects.create(room=room, user=reader, last_read_seq=25)
    assert unread_counts(reader, [room]) == {room.pk: 5}


def test_after_reading_far_back_the_rest_is_counted_exactly(world):
    c, room, owner, reader = world
    _fill(room, owner, UNREAD_CAP * 2)
    read_mark(user=reader, room_id=room.pk, upto=UNREAD_CAP * 2 - 7)
    assert unread_counts(reader, [room]) == {room.pk: 7}
    other = Room.objects.create(community=c, title="Second room")
    _fill(other, owner, 3)
    assert unread_counts(reader, [room, other]) == {room.pk: 7, other.pk: 3}
