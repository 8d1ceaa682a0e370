"""WebSocket abuse from outside, beyond the protocol's own bad-input tests
(tests/community/test_ws_protocol.py, test_ws_origin.py): the handshake without a proper Origin
or cookie, binary and deeply nested frames, handler-name injection (wrong-typed fields: tests/community/test_ws_protocol.py),
a socket asking for a thousand rooms, and a flood of posts. Each answer is an error frame or a
4xxx close; no row is half-written; and afterwards a fresh socket is served as before."""

import json

import pytest
from channels.testing import WebsocketCommunicator

from tests.community.ws_support import (
    ORIGIN,
    db,
    expect,
    make_room,
    make_user,
    open_socket,
    post,
    posted,
    send,
    session_key,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_limits(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE = 1000  # each case is judged on its own answer
    settings.DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 100_000
    return settings


def message_count():
    from community.discussions.models import Message

    return Message.objects.count()


async def served_as_before():
    """The process still serves: a new socket subscribes and posts."""
    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    await subscribe(ws, room.pk)
    await post(ws, room.pk, "still here", "alive-1")
    assert (await posted(ws))["client_id"] == "alive-1"
    await ws.disconnect()


async def _handshake(headers):
    from config.asgi import application

    communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    await communicator.disconnect()
    return connected


async def test_a_handshake_without_the_sites_origin_is_refused_even_with_a_session():
    from django.conf import settings

    user = await db(make_user)()
    key = await db(session_key)(user)
    cookie = (b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode())
    for origin in (b"null", None, b"http://evil.example", b"http://testserver.evil.example", b""):
        headers = [cookie] if origin is None else [cookie, (b"origin", origin)]
        assert await _handshake(headers) is False, origin
    assert await _handshake([ORIGIN, cookie]) is True  # the same session from the site: served


async def test_a_socket_without_a_cookie_reads_but_never_writes():
    member = await db(make_user)()
    room = await db(make_room)(members=[member])
    ws = await open_socket()  # no cookie at all
    await subscribe(ws, room.pk)
    for frame in (
        {"type": "post", "room": room.pk, "body": "anonymous", "client_id": "anon-1"},
        {"type": "read", "room": room.pk, "upto": 1},
        {"type": "typing", "room": room.pk},
        {"type": "react", "message": 1, "emoji": "👍"},
    ):
        await send(ws, frame)
        assert (await expect(ws, "error"))["code"] == "forbidden", frame
    assert await db(message_count)() == 0
    await ws.disconnect()
    await served_as_before()


async def test_binary_and_deeply_nested_frames_get_an_error_and_the_socket_lives():
    user = await db(make_user)()
    ws = await open_socket(user)
    await ws.send_to(bytes_data=b"\x00\x01\x02" * 100)
    assert (await expect(ws, "error"))["code"] == "invalid"
    for raw in ("[" * 5000 + "]" * 5000, '{"a":' * 3000 + "1" + "}" * 3000):
        await send(ws, raw)
        assert (await expect(ws, "error"))["code"] in {"invalid", "too_long"}
    await send(ws, {"type": "ping"})
    await expect(ws, "pong")
    await ws.disconnect()
    await served_as_before()


HANDLER_NAMES = (
    "websocket.receive",
    "websocket.connect",
    "websocket_disconnect",
    "room_frame",
    "room.event",
    "user.event",
    "user_event",
    "__init__",
    "_subscribe",
    "receive",
    "close",
    "send",
    "PING",
    " ping",
    "ping\u0000",
)


async def test_a_frame_type_never_reaches_a_consumer_method():
    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    for kind in HANDLER_NAMES:
        await send(ws, {"type": kind, "room": room.pk, "body": "x", "text": "x", "code": 1000})
        assert (await expect(ws, "error"))["code"] == "invalid", kind
        await send(ws, {"type": "ping"})
        await expect(ws, "pong")  # still open: nothing was closed or dispatched
    assert await db(message_count)() == 0
    await ws.disconnect()


async def test_a_socket_asking_for_a_thousand_rooms_is_stopped_at_the_limit(settings):
    settings.DISCUSSIONS_MAX_ROOMS_PER_SOCKET = 5
    user = await db(make_user)()
    rooms = [await db(make_room)(members=[user], title=f"Room {n}") for n in range(6)]
    ws = await open_socket(user)
    for room in rooms[:5]:
        await subscribe(ws, room.pk)
    refused = []
    for room_id in [rooms[5].pk, *range(10**6, 10**6 + 995)]:
        await send(ws, {"type": "subscribe", "room": room_id, "since": 0})
        answer = await expect(ws, "error")
        refused.append(answer["code"])
    assert set(refused) == {"too_many_rooms"} and len(refused) == 996
    await subscribe(ws, rooms[0].pk)  # a room it already follows: its backlog again, as before
    await send(ws, {"type": "unsubscribe", "room": rooms[1].pk})
    await subscribe(ws, rooms[5].pk)  # a place freed: served
    await ws.disconnect()
    await served_as_before()


async def test_two_thousand_posts_store_at_most_the_limit_and_keep_going_closes_the_socket(settings):
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 10
    settings.DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 200
    settings.DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE = 50
    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    await subscribe(ws, room.pk)
    closed = None
    acks = 0
    for n in range(2000):
        try:
            await post(ws, room.pk, f"flood {n}", f"flood-{n}")
        except Exception:  # noqa: BLE001 - the server has closed: sending fails
            break
        output = await ws.receive_output(timeout=5)
        while output["type"] == "websocket.send":
            frame = json.loads(output["text"])
            if frame["type"] == "ack":
                acks += 1
            if frame["type"] in ("ack", "error"):
                break
            output = await ws.receive_output(timeout=5)
        if output["type"] == "websocket.close":
            closed = output
            break
    assert closed is not None and 4000 <= closed["code"] < 5000, closed
    assert acks <= 10
    assert await db(message_count)() == acks  # every stored post was acked; nothing half-written
    await served_as_before()
