"""Moderation reaches connected clients at once: hidden messages vanish, sanctions bite, rooms lock."""

import pytest
from channels.db import database_sync_to_async
from django.core.cache import cache

from community.moderation import services
from community.moderation.models import AuditLogEntry
from tests.community.moderation_factories import World, join, person
from tests.community.ws_support import expect, open_socket, send

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SKIP = ("presence", "typing", "notification")


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


async def quiet(socket, timeout=0.6):
    """True when nothing but presence/typing/notification frames arrives within `timeout`.

    (A timed-out receive_from would cancel the consumer, so wait, then drain what is queued.)
    """
    import asyncio
    import json

    await asyncio.sleep(timeout)
    while not socket.output_queue.empty():
        frame = json.loads(await socket.receive_from())
        if frame["type"] not in SKIP:
            return False
    return True


async def subscribed(user, room):
    socket = await open_socket(user)
    await send(
        socket,
        {
            "type": "subscribe",
            "room": room.pk,
            "since": room.last_seq if hasattr(room, "last_seq") else 0,
        },
    )
    await expect(socket, "backlog", skip=SKIP)
    return socket


@pytest.fixture
async def world():
    return await database_sync_to_async(World)()


async def test_a_hidden_message_vanishes_for_others_and_the_author_learns_why(world):
    reader = await subscribed(world.member, world.room)
    author = await subscribed(world.author, world.room)
    moderator = await open_socket(world.moderator)
    await send(
        moderator,
        {"type": "moderate", "action": "hide", "message": world.message.pk, "reason": "Off topic"},
    )
    assert (await expect(moderator, "moderated", skip=SKIP))["changed"] is True
    seen = await expect(reader, "hidden", skip=SKIP)
    assert seen["message"]["id"] == world.message.pk
    assert seen["message"]["body_html"] == "" and seen["message"]["hidden"] is True
    assert "reason" not in seen and "hidden_reason" not in seen["message"]
    # the author gets the room frame and their own, with the reason
    frames = [await expect(author, "hidden", skip=SKIP), await expect(author, "hidden", skip=SKIP)]
    assert any(f.get("reason") == "Off topic" for f in frames)
    # restore brings it back for everyone
    await send(moderator, {"type": "moderate", "action": "restore", "message": world.message.pk})
    back = await expect(reader, "restored", skip=SKIP)
    assert "A message to moderate" in back["message"]["body_html"]
    for socket in (reader, author, moderator):
        await socket.disconnect()
    assert await database_sync_to_async(AuditLogEntry.objects.filter(action="hide").count)() == 1


async def test_a_muted_member_is_refused_live_with_the_time_left(world):
    author = await subscribed(world.author, world.room)
    moderator = await open_socket(world.moderator)
    await send(
        moderator,
        {
            "type": "moderate",
            "action": "mute",
            "member": world.author.pk,
            "community": world.community.pk,
            "minutes": 10,
            "reason": "Cool off",
        },
    )
    await expect(moderator, "moderated", skip=SKIP)
    sanction = await expect(author, "sanction", skip=SKIP)
    assert sanction["action"] == "mute" and 0 < sanction["seconds_left"] <= 600
    await send(
        author, {"type": "post", "room": world.room.pk, "client_id": "m-1", "body": "still here?"}
    )
    error = await expect(author, "error", skip=SKIP)
    assert error["code"] == "muted" and "min" in error["detail"]
    # a negative or missing duration is refused, nothing logged
    await send(
        moderator,
        {
            "type": "moderate",
            "action": "mute",
            "member": world.author.pk,
            "community": world.community.pk,
            "minutes": -5,
            "reason": "x",
        },
    )
    assert (await expect(moderator, "error", skip=SKIP))["code"] == "invalid"
    await send(
        moderator,
        {
            "type": "moderate",
            "action": "mute",
            "member": world.author.pk,
            "community": world.community.pk,
            "reason": "x",
        },
    )
    assert (await expect(moderator, "error", skip=SKIP))["code"] == "invalid"
    await author.disconnect()
    await moderator.disconnect()
    assert await database_sync_to_async(AuditLogEntry.objects.filter(action="mute").count)() == 1


async def test_a_banned_member_is_dropped_from_the_room_at_once(world):
    author = await subscribed(world.author, world.room)
    await database_sync_to_async(services.member_ban)(
        actor=world.ambassador,
        community_id=world.community.pk,
        user_id=world.author.pk,
        reason="Abuse",
    )
    revoked = await expect(author, "error", skip=SKIP)
    assert revoked["code"] == "forbidden" and revoked["ref"] == world.room.pk
    sanction = await expect(author, "sanction", skip=SKIP)
    assert sanction["action"] == "ban" and sanction["reason"] == "Abuse"
    # the socket no longer receives the room's messages
    from community.discussions.services import message_post

    await database_sync_to_async(message_post)(
        user=world.member, room=world.room, body="After the ban", client_id="x1"
    )
    assert await quiet(author)
    # posting and subscribing again are refused
    await send(
        author, {"type": "post", "room": world.room.pk, "client_id": "b-1", "body": "let me in"}
    )
    assert (await expect(author, "error", skip=SKIP))["code"] in ("banned", "not_found")
    await send(author, {"type": "subscribe", "room": world.room.pk, "since": 0})
    assert (await expect(author, "error", skip=SKIP))["code"] == "not_found"
    await author.disconnect()


async def test_locked_rooms_and_slow_mode_are_enforced_live(world):
    author = await subscribed(world.member, world.room)
    await database_sync_to_async(services.room_lock)(
        actor=world.moderator, room_id=world.room.pk, reason="Exams"
    )
    state = await expect(author, "room_state", skip=SKIP)
    assert state["locked"] is True
    await send(author, {"type": "post", "room": world.room.pk, "client_id": "l-1", "body": "hello"})
    assert (await expect(author, "error", skip=SKIP))["code"] == "locked"
    await database_sync_to_async(services.room_unlock)(actor=world.moderator, room_id=world.room.pk)
    await database_sync_to_async(services.room_slow_mode)(
        actor=world.moderator, room_id=world.room.pk, seconds=120, reason="Busy"
    )
    await expect(author, "room_state", skip=SKIP)
    state = await expect(author, "room_state", skip=SKIP)
    assert state["slow_mode_seconds"] == 120 and state["locked"] is False
    await send(author, {"type": "post", "room": world.room.pk, "client_id": "s-1", "body": "first"})
    await expect(author, "ack", skip=SKIP + ("message",))
    await send(
        author, {"type": "post", "room": world.room.pk, "client_id": "s-2", "body": "second"}
    )
    assert (await expect(author, "error", skip=SKIP + ("message",)))["code"] == "slow_mode"
    await author.disconnect()


async def test_a_held_post_stays_invisible_to_others_until_approved(world):
    newcomer = await database_sync_to_async(person)("Newcomer", days_old=1)
    await database_sync_to_async(join)(world.community, newcomer)
    reader = await subscribed(world.member, world.room)
    writer = await subscribed(newcomer, world.room)
    await send(
        writer,
        {
            "type": "post",
            "room": world.room.pk,
            "client_id": "h-1",
            "body": "Look https://example.com",
        },
    )
    ack = await expect(writer, "ack", skip=SKIP + ("message",))
    assert ack["message"]["status"] == "held"
    assert await quiet(reader)
    moderator = await open_socket(world.moderator)
    await send(
        moderator, {"type": "moderate", "action": "approve", "message": ack["message"]["id"]}
    )
    await expect(moderator, "moderated", skip=SKIP + ("message",))
    published = await expect(reader, "message", skip=SKIP)
    assert (
        published["message"]["id"] == ack["message"]["id"]
        and published["message"]["status"] == "published"
    )
    for socket in (reader, writer, moderator):
        await socket.disconnect()
