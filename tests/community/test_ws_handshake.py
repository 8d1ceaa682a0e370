"""A new socket's handshake never waits behind other sockets' database work."""

import json
import threading

import pytest

from tests.community.ws_support import (
    db,
    expect,
    make_room,
    make_user,
    open_socket,
    send,
    session_key,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_a_signed_in_connect_succeeds_while_the_shared_database_thread_is_busy(monkeypatch):
    from community.realtime import protocol

    busy, release = threading.Event(), threading.Event()

    def slow_read(*, user, frame):
        busy.set()
        release.wait(30)  # holds the process's one shared database thread
        return []

    first, second = await db(make_user)("Aysel"), await db(make_user)("Rashad")
    room = await db(make_room)(members=[first, second])
    reader = await open_socket(first)
    await subscribe(reader, room.pk)
    key = await db(session_key)(second)  # made now: the test's own helpers use that thread too
    monkeypatch.setitem(protocol._registered_handlers, "read", slow_read)
    await send(reader, {"type": "read", "room": room.pk, "upto": 1})
    try:
        for _ in range(600):  # until the frame holds the thread (frames before it are drained)
            if busy.is_set():
                break
            if not await reader.receive_nothing(timeout=0.05):
                frame = json.loads(await reader.receive_from())
                assert frame["type"] in ("presence", "typing"), frame
        assert busy.is_set(), "the read frame never reached the database thread"
        # the handshake (session, user, name) completes although that thread is held
        newcomer = await open_socket(session=key)
        await send(newcomer, {"type": "ping"})
        await expect(newcomer, "pong")
    finally:
        release.set()
    await newcomer.disconnect()
    await reader.disconnect()
