"""Bad input on the WebSocket: every kind gets its error frame; none crashes the socket or writes a row."""

import json

import pytest

from tests.community.ws_support import (
    db,
    expect,
    make_room,
    make_user,
    open_socket,
    post,
    send,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def small_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DISCUSSIONS_MAX_FRAME_BYTES = 2000
    settings.DISCUSSIONS_MAX_BODY = 300
    settings.DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE = 8
    settings.DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 30
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 3
    return settings


def message_count():
    from community.discussions.models import Message

    return Message.objects.count()


async def still_alive(ws):
    await send(ws, {"type": "ping"})
    await expect(ws, "pong")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("{not json", "invalid"),
        ("[1, 2, 3]", "invalid"),
        ('"ping"', "invalid"),
        ('{"type": "explode"}', "invalid"),
        ('{"type": "room_frame", "room": 1, "text": "x"}', "invalid"),
        ('{"room": 1}', "invalid"),
        ('{"type": "subscribe"}', "invalid"),
        ('{"type": "subscribe", "room": "1"}', "invalid"),
        ('{"type": "subscribe", "room": true}', "invalid"),
        ('{"type": "subscribe", "room": -4}', "invalid"),
        ('{"type": "post", "room": 1, "body": "hi"}', "invalid"),
        ('{"type": "post", "room": 1, "body": 5, "client_id": "a"}', "invalid"),
        ('{"type": "edit", "message": 1}', "invalid"),
        ('{"type": "react", "message": 1, "emoji": ""}', "invalid"),
        ('{"type": "read", "room": 1, "upto": 2.5}', "invalid"),
    ],
)
async def test_malformed_frames_get_an_error_frame_and_the_socket_stays_open(raw, code):
    user = await db(make_user)()
    ws = await open_socket(user)
    await send(ws, raw)
    frame = await expect(ws, "error")
    assert frame["code"] == code and frame["detail"]
    await still_alive(ws)
    await ws.disconnect()


async def test_a_client_type_is_never_a_handler_name():
    """'websocket.disconnect' or 'user.revoke' sent by a client is just an unknown frame."""
    user = await db(make_user)()
    ws = await open_socket(user)
    for kind in ("websocket.disconnect", "user.revoke", "room.frame", "dispatch"):
        await send(ws, {"type": kind, "room": 1})
        assert (await expect(ws, "error"))["code"] == "invalid"
    await still_alive(ws)
    await ws.disconnect()


async def test_oversize_frame_and_oversize_body_are_refused_and_nothing_is_written():
    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    await subscribe(ws, room.pk)
    await post(ws, room.pk, "x" * 3000, "big-frame")
    assert (await expect(ws, "error"))["code"] == "too_long"
    await post(ws, room.pk, "y" * 301, "big-body")
    frame = await expect(ws, "error")
    assert frame["code"] == "too_long" and frame["ref"] == "body"
    await still_alive(ws)
    assert await db(message_count)() == 0
    await ws.disconnect()


async def test_nonexistent_and_private_rooms_look_the_same():
    outsider, member = await db(make_user)(), await db(make_user)()
    private = await db(make_room)(visibility="private", members=[member])
    ws = await open_socket(outsider)
    await send(ws, {"type": "subscribe", "room": private.pk, "since": 0})
    hidden = await expect(ws, "error")
    await send(ws, {"type": "subscribe", "room": 987654, "since": 0})
    missing = await expect(ws, "error")
    assert hidden["code"] == missing["code"] == "not_found"
    assert hidden["detail"] == missing["detail"]
    await post(ws, private.pk, "let me in", "sneak-1")
    assert (await expect(ws, "error"))["code"] == "not_found"
    assert await db(message_count)() == 0
    await ws.disconnect()


async def test_banned_and_unverified_members_cannot_post():
    banned, unverified = await db(make_user)(), await db(make_user)(verified=False)
    room = await db(make_room)(members=[unverified], banned=[banned])
    ws_banned = await open_socket(banned)
    await post(ws_banned, room.pk, "hello", "banned-1")
    assert (await expect(ws_banned, "error"))["code"] in {"banned", "not_found"}
    ws_unverified = await open_socket(unverified)
    await subscribe(ws_unverified, room.pk)  # may read a public room
    await post(ws_unverified, room.pk, "hello", "unverified-1")
    assert (await expect(ws_unverified, "error"))["code"] == "forbidden"
    assert await db(message_count)() == 0
    await ws_banned.disconnect()
    await ws_unverified.disconnect()


async def test_anonymous_socket_reads_a_public_room_but_cannot_post():
    member = await db(make_user)()
    room = await db(make_room)(members=[member])
    ws = await open_socket()
    backlog = await subscribe(ws, room.pk)
    assert backlog["messages"] == [] and backlog["complete"] is True
    await post(ws, room.pk, "hi", "anon-1")
    assert (await expect(ws, "error"))["code"] == "forbidden"
    assert await db(message_count)() == 0
    await ws.disconnect()


async def test_a_foreign_origin_is_refused_at_the_handshake():
    from channels.testing import WebsocketCommunicator

    from config.asgi import application

    ws = WebsocketCommunicator(application, "/ws/", headers=[(b"origin", b"https://evil.example")])
    connected, _ = await ws.connect(timeout=5)
    assert not connected


async def test_resend_with_the_same_client_id_is_acked_once_and_a_different_body_is_a_conflict():
    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    await post(ws, room.pk, "first", "same-id")
    first = await expect(ws, "ack")
    await post(ws, room.pk, "first", "same-id")
    again = await expect(ws, "ack")
    assert again["message"]["id"] == first["message"]["id"] and again.get("duplicate") is True
    await post(ws, room.pk, "something else", "same-id")
    assert (await expect(ws, "error"))["code"] == "conflict"
    assert await db(message_count)() == 1
    await ws.disconnect()


async def test_posting_too_fast_is_rate_limited():
    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    for i in range(3):
        await post(ws, room.pk, f"message {i}", f"fast-{i}")
        await expect(ws, "ack")
    await post(ws, room.pk, "one too many", "fast-3")
    assert (await expect(ws, "error"))["code"] == "rate_limited"
    assert await db(message_count)() == 3
    await ws.disconnect()


async def test_flooding_is_rate_limited_and_continued_garbage_closes_with_4008(settings):
    settings.DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 5
    user = await db(make_user)()
    ws = await open_socket(user)
    codes = []
    for _ in range(6):
        await send(ws, {"type": "ping"})
    for _ in range(6):
        frame = json.loads(await ws.receive_from())
        codes.append(frame.get("code", frame["type"]))
    assert codes[:5] == ["pong"] * 5 and codes[5] == "rate_limited"
    closed = None
    for _ in range(20):
        await send(ws, "garbage")
        output = await ws.receive_output(timeout=2)
        if output["type"] == "websocket.close":
            closed = output
            break
        assert json.loads(output["text"])["type"] == "error"
    assert closed is not None and closed["code"] == 4008
