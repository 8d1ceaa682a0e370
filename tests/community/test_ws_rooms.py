"""Real time in a room: members see each other, outsiders see nothing, nothing is lost or doubled."""

import asyncio
import json

import pytest
from channels.layers import get_channel_layer

from community import realtime
from community.realtime.hub import hub_for
from tests.community.ws_support import (
    db,
    expect,
    make_room,
    make_user,
    nothing_more,
    open_socket,
    post,
    posted,
    send,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100
    settings.DISCUSSIONS_PRESENCE_INTERVAL = 1


def stored(message_id):
    from community.discussions.models import Message

    return Message.objects.filter(pk=message_id).values("body", "seq", "author_id").first()


async def test_two_members_see_each_other_in_real_time_and_an_outsider_sees_nothing():
    aysel, rashad, outsider = (
        await db(make_user)("Aysel"),
        await db(make_user)("Rashad"),
        await db(make_user)(),
    )
    room = await db(make_room)(visibility="private", members=[aysel, rashad])
    a, r, o = await open_socket(aysel), await open_socket(rashad), await open_socket(outsider)
    await subscribe(a, room.pk)
    await subscribe(r, room.pk)
    await send(o, {"type": "subscribe", "room": room.pk, "since": 0})
    assert (await expect(o, "error"))["code"] == "not_found"

    await post(a, room.pk, "Who has a good *inclusion* checklist?", "c-1")
    ack = await posted(a)
    seen_by_rashad = await expect(r, "message")
    assert seen_by_rashad["room"] == room.pk
    assert seen_by_rashad["message"]["id"] == ack["message"]["id"]
    assert "<em>inclusion</em>" in seen_by_rashad["message"]["body_html"]

    await post(r, room.pk, "I do, sharing it now", "c-2")
    await posted(r)
    assert (await expect(a, "message"))["message"]["seq"] == ack["message"]["seq"] + 1
    assert await nothing_more(o)
    for ws in (a, r, o):
        await ws.disconnect()


async def test_persist_then_broadcast_the_row_exists_when_the_frame_arrives():
    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    a, r = await open_socket(aysel), await open_socket(rashad)
    await subscribe(r, room.pk)
    await post(a, room.pk, "persisted first", "p-1")
    frame = await expect(r, "message")
    row = await db(stored)(frame["message"]["id"])
    assert (
        row is not None
        and row["body"] == "persisted first"
        and row["seq"] == frame["message"]["seq"]
    )
    await a.disconnect()
    await r.disconnect()


async def test_resend_after_a_dropped_socket_returns_the_same_message_exactly_once():
    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    r = await open_socket(rashad)
    await subscribe(r, room.pk)
    a = await open_socket(aysel)
    await post(a, room.pk, "sent just before the train's tunnel", "outbox-7")
    await a.disconnect()  # the ack is lost with the socket
    first = await expect(r, "message")
    a2 = await open_socket(aysel)
    await post(a2, room.pk, "sent just before the train's tunnel", "outbox-7")
    ack = await expect(a2, "ack")
    assert ack["message"]["id"] == first["message"]["id"]
    assert await nothing_more(r)  # no second copy for the others
    backlog = await subscribe(a2, room.pk)
    assert [m["id"] for m in backlog["messages"]] == [first["message"]["id"]]
    await a2.disconnect()
    await r.disconnect()


async def test_a_client_that_was_away_gets_exactly_the_missed_messages_in_order():
    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    a, r = await open_socket(aysel), await open_socket(rashad)
    await subscribe(a, room.pk)
    await subscribe(r, room.pk)
    await post(a, room.pk, "one", "m-1")
    seen = (await expect(r, "message"))["message"]["seq"]
    await posted(a)
    await r.disconnect()  # Rashad goes offline
    for i in range(2, 6):
        await post(a, room.pk, f"message {i}", f"m-{i}")
        await posted(a)
    r2 = await open_socket(rashad)
    backlog = await subscribe(r2, room.pk, since=seen)
    assert [m["body_html"] for m in backlog["messages"]] == [
        f"<p>message {i}</p>" for i in range(2, 6)
    ]
    assert [m["seq"] for m in backlog["messages"]] == [seen + 1, seen + 2, seen + 3, seen + 4]
    assert backlog["complete"] is True and backlog["last_seq"] == seen + 4
    # and live again afterwards
    await post(a, room.pk, "welcome back", "m-6")
    assert (await expect(r2, "message"))["message"]["seq"] == seen + 5
    await a.disconnect()
    await r2.disconnect()


async def test_backlog_is_bounded_and_says_when_it_is_incomplete(settings):
    settings.DISCUSSIONS_BACKLOG_LIMIT = 2
    aysel = await db(make_user)()
    room = await db(make_room)(members=[aysel])
    a = await open_socket(aysel)
    for i in range(3):
        await post(a, room.pk, f"m{i}", f"b-{i}")
        await expect(a, "ack")
    backlog = await subscribe(a, room.pk, since=0)
    assert len(backlog["messages"]) == 2 and backlog["complete"] is False
    await a.disconnect()


async def test_edits_deletions_and_reactions_reach_the_others():
    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    a, r = await open_socket(aysel), await open_socket(rashad)
    await subscribe(a, room.pk)
    await subscribe(r, room.pk)
    await post(a, room.pk, "frist draft", "e-1")
    message_id = (await posted(a))["message"]["id"]
    await expect(r, "message")

    await send(a, {"type": "edit", "message": message_id, "body": "first draft"})
    edited = await expect(r, "edited")
    assert edited["message"]["id"] == message_id and "first draft" in edited["message"]["body_html"]
    await expect(a, "edited")

    await send(r, {"type": "react", "message": message_id, "emoji": "👍"})
    reaction = await expect(a, "reaction")
    assert reaction["message"] == message_id and reaction["reactions"] == {"👍": 1}
    await expect(r, "reaction")

    await send(a, {"type": "delete", "message": message_id})
    deleted = await expect(r, "deleted")
    assert deleted["message"]["id"] == message_id
    assert "frist" not in json.dumps(deleted) and "first draft" not in json.dumps(deleted)
    await a.disconnect()
    await r.disconnect()


async def test_someone_else_cannot_edit_or_delete_my_message():
    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    a, r = await open_socket(aysel), await open_socket(rashad)
    await post(a, room.pk, "mine", "own-1")
    message_id = (await expect(a, "ack"))["message"]["id"]
    await send(r, {"type": "edit", "message": message_id, "body": "yours now"})
    assert (await expect(r, "error"))["code"] == "forbidden"
    await send(r, {"type": "delete", "message": message_id})
    assert (await expect(r, "error"))["code"] == "forbidden"
    assert (await db(stored)(message_id))["body"] == "mine"
    await a.disconnect()
    await r.disconnect()


async def test_a_revoke_event_drops_the_room_at_once():
    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    a, r = await open_socket(aysel), await open_socket(rashad)
    await subscribe(r, room.pk)
    from channels.layers import get_channel_layer

    await get_channel_layer().group_send(
        realtime.user_group(rashad.pk), {"type": "user.revoke", "room": room.pk, "reason": "banned"}
    )
    revoked = await expect(r, "error")
    assert revoked["code"] == "forbidden" and revoked["ref"] == room.pk
    await post(a, room.pk, "after the ban", "rv-1")
    await posted(a, subscribed=False)
    assert await nothing_more(r)
    await a.disconnect()
    await r.disconnect()


async def test_a_revoke_that_arrives_while_the_subscription_is_checked_still_wins(monkeypatch):
    """The check may read the access a moment before it is taken away: the revocation must hold."""
    from community.realtime import protocol

    aysel, rashad = await db(make_user)(), await db(make_user)()
    room = await db(make_room)(members=[aysel, rashad])
    owner = protocol.room_owner()
    checked = owner.subscribe

    def check_then_revoke(user, room_id, *args):
        result = checked(user, room_id, *args)  # passes: still a member
        if user.pk == rashad.pk:
            realtime.revoke_room(rashad.pk, room_id, "banned")  # committed at once (autocommit)
        return result

    monkeypatch.setattr(owner, "subscribe", check_then_revoke)
    a, r = await open_socket(aysel), await open_socket(rashad)
    await send(r, {"type": "subscribe", "room": room.pk, "since": 0})
    await expect(r, "backlog")
    revoked = await expect(r, "error")
    assert revoked["code"] == "forbidden" and revoked["ref"] == room.pk
    await post(a, room.pk, "said after the ban", "rv-2")
    await posted(a, subscribed=False)
    assert await nothing_more(r)
    await a.disconnect()
    await r.disconnect()


async def test_typing_and_presence_reach_the_room():
    aysel, rashad = await db(make_user)("Aysel"), await db(make_user)("Rashad")
    room = await db(make_room)(members=[aysel, rashad])
    a = await open_socket(aysel)
    await subscribe(a, room.pk)
    own = await expect(a, "presence", skip=("typing",))  # the list, at once, to the subscriber
    assert [p["id"] for p in own["online"]] == [aysel.pk] and own["count"] == 1
    r = await open_socket(rashad)
    await subscribe(r, room.pk)
    presence = await expect(a, "presence", skip=("typing",))
    while presence["count"] < 2:  # changes are announced once per interval
        presence = await expect(a, "presence", skip=("typing",))
    assert {p["id"] for p in presence["online"]} == {aysel.pk, rashad.pk}
    await send(r, {"type": "typing", "room": room.pk})
    typing = await expect(a, "typing", skip=("presence",))
    assert typing["user"]["id"] == rashad.pk
    await send(r, {"type": "typing", "room": room.pk})  # within the interval: not repeated
    await r.disconnect()
    presence = await expect(a, "presence", skip=("typing",))
    while presence["count"] > 1:
        presence = await expect(a, "presence", skip=("typing",))
    assert {p["id"] for p in presence["online"]} == {aysel.pk}
    await a.disconnect()


async def test_presence_of_a_crowd_is_announced_once_per_interval_not_once_per_person():
    people = [await db(make_user)() for _ in range(6)]
    room = await db(make_room)(members=people)
    watcher = await open_socket(people[0])
    await subscribe(watcher, room.pk)
    await expect(watcher, "presence")
    sockets = []
    for person in people[1:]:
        ws = await open_socket(person)
        await subscribe(ws, room.pk)
        sockets.append(ws)
    frames = []
    while True:
        frame = json.loads(await watcher.receive_from(timeout=3))
        if frame["type"] == "presence":
            frames.append(frame)
            if frame["count"] == 6:
                break
    assert len(frames) <= 2
    for ws in [watcher, *sockets]:
        await ws.disconnect()


async def test_notifications_reach_the_users_own_sockets():
    aysel = await db(make_user)()
    a = await open_socket(aysel)
    await send(a, {"type": "ping"})
    await expect(a, "pong")
    # Redis pub/sub confirms a new subscription asynchronously: give it a moment (a real
    # notification is stored too, and the page shows the count it missed on load).
    await asyncio.sleep(0.3)

    def notify():
        from django.db import transaction

        with transaction.atomic():
            realtime.send_user_frame(
                aysel.pk, {"type": "notification", "notification": {"id": 1, "title": "Hi"}}
            )

    await db(notify)()
    assert (await expect(a, "notification"))["notification"]["title"] == "Hi"
    await a.disconnect()


async def test_ping_gets_pong_and_updates_last_seen():
    from community.models import Profile

    aysel = await db(make_user)()
    a = await open_socket(aysel)
    await send(a, {"type": "ping"})
    await expect(a, "pong")
    seen = await db(lambda: Profile.objects.get(user=aysel).last_seen_at)()
    assert seen is not None
    await a.disconnect()


# --- the room hub: one channel-layer subscription per room per process ------------------


def group_members(layer, room_id):
    """Channel names in the room's group, in this process's view of the layer."""
    group = realtime.room_group(room_id)
    if hasattr(layer, "_get_layer"):  # channels_redis pub/sub: one inner layer per event loop
        inner = layer._get_layer()
        return set(inner.groups.get(inner._get_group_channel_name(group), ()))
    if isinstance(getattr(layer, "groups", None), dict):  # the in-memory layer
        return set(layer.groups.get(group, {}))
    pytest.fail(f"no way to read group membership of {type(layer).__name__}")


async def test_many_sockets_in_a_room_share_one_subscription_and_all_receive():
    members = [await db(make_user)(f"Teacher {i}") for i in range(4)]
    room = await db(make_room)(members=members)
    sockets = [await open_socket(user) for user in members]
    for socket in sockets:
        await subscribe(socket, room.pk)
    layer = get_channel_layer()
    assert len(group_members(layer, room.pk)) == 1  # the hub's channel, not four sockets'
    assert hub_for(layer).member_count(room.pk) == 4

    await post(sockets[0], room.pk, "One post, four sockets", "hub-1")
    ack = await posted(sockets[0])
    for socket in sockets[1:]:
        assert (await expect(socket, "message"))["message"]["id"] == ack["message"]["id"]

    # One socket unsubscribes: it hears nothing more; the others still do.
    await send(sockets[1], {"type": "unsubscribe", "room": room.pk})
    await post(sockets[0], room.pk, "After one left", "hub-2")
    await posted(sockets[0])
    assert await nothing_more(sockets[1])
    for socket in sockets[2:]:
        assert "After one left" in (await expect(socket, "message"))["message"]["body_html"]

    # The last socket to leave ends the process's subscription to the room.
    for socket in sockets:
        await socket.disconnect()
    assert group_members(layer, room.pk) == set()
    assert hub_for(layer).member_count(room.pk) == 0
