"""A client that stops reading costs the server at most WEBSOCKET_MAX_UNSENT_BYTES, then is let go.

A real Daphne on Redis; the stalled reader is a raw socket with a tiny receive buffer that
subscribes to a public room and then never reads again; the test publishes large room events
into the room's group through Redis, as posts from other processes would. Daphne used to buffer
them all, for as long as the socket stayed; now the socket is closed (4009) and its buffer
dropped: the reader sees its connection end. The client would reconnect and catch up by seq.
"""

import asyncio
import base64
import json
import os
import secrets
import socket

import pytest
from channels.db import database_sync_to_async
from channels_redis.pubsub import RedisPubSubChannelLayer

from community import realtime
from tests.community.ws_support import make_room
from tests.support.servers import daphne

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def masked_text_frame(text):
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81, 0x80 | len(payload)])  # short frames only (< 126 bytes)
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def stalled_reader(port, room_id):
    """A subscribed raw WebSocket that reads the handshake and the backlog, then stops reading."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(15)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /ws/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://127.0.0.1:{port}\r\n\r\n"
        ).encode()
    )
    seen = b""
    while b"\r\n\r\n" not in seen:
        seen += sock.recv(4096)
    assert b" 101 " in seen.split(b"\r\n", 1)[0], seen
    sock.sendall(masked_text_frame(json.dumps({"type": "subscribe", "room": room_id})))
    while b'"backlog"' not in seen:
        seen += sock.recv(4096)
    return sock


def connection_ends(sock):
    """True once the server ends the connection (reading everything it still sends)."""
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except TimeoutError:
        return False
    return True


async def test_a_stalled_reader_is_closed_instead_of_buffered_without_bound(redis_url):
    room_id = (await database_sync_to_async(make_room)()).pk
    prefix = f"stall{secrets.token_hex(3)}"
    env = {
        "REDIS_URL": redis_url,
        "CHANNEL_LAYER_PREFIX": prefix,
        "CACHE_KEY_PREFIX": prefix,
        "WEBSOCKET_MAX_UNSENT_BYTES": 256 * 1024,
    }
    with daphne(**env) as base:
        port = int(base.rsplit(":", 1)[1])
        sock = await asyncio.to_thread(stalled_reader, port, room_id)
        layer = RedisPubSubChannelLayer(hosts=[redis_url], prefix=prefix)
        big = json.dumps({"type": "message", "room": room_id, "pad": "x" * 60_000})
        try:
            # 24 MB: far past the kernel's buffers and the bound
            for _ in range(400):
                await layer.group_send(
                    realtime.room_group(room_id), {"type": "room.frame", "room": room_id, "text": big}
                )
        finally:
            await layer.flush()
        assert await asyncio.to_thread(connection_ends, sock)
        sock.close()
