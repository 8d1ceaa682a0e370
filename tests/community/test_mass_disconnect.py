"""Many sockets closing at once leave nothing behind in Redis: no channel stays subscribed.

A real Daphne on the Redis pub/sub layer; 150 signed-in sockets subscribe to one room, then
all drop their TCP connections at the same moment (no close handshake, as phones losing
their link do). Every socket's channel and the room hub's subscription must be gone from
Redis afterwards (`PUBSUB CHANNELS`), and the presence list empty.
"""

import asyncio
import json
import secrets

import pytest
import redis.asyncio
from channels.db import database_sync_to_async
from websockets.asyncio.client import connect

from tests.community.ws_support import make_room, make_user, session_key
from tests.support.servers import daphne

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SOCKETS = 150


def world():
    people = [make_user(f"Teacher {n}") for n in range(SOCKETS)]
    room = make_room(visibility="private", members=people)
    return room.pk, [session_key(person) for person in people]


async def subscribed_client(base, key, room_id):
    port = base.rsplit(":", 1)[1]
    ws = await connect(
        f"ws://127.0.0.1:{port}/ws/",
        additional_headers={"Origin": base, "Cookie": f"sessionid={key}"},
        open_timeout=30,
    )
    await ws.send(json.dumps({"type": "subscribe", "room": room_id, "since": 0}))
    while json.loads(await asyncio.wait_for(ws.recv(), 30))["type"] != "backlog":
        pass
    return ws


async def test_a_mass_disconnect_leaves_no_subscription_in_redis(redis_url):
    room_id, keys = await database_sync_to_async(world)()
    prefix = f"mass{secrets.token_hex(3)}"
    env = {"REDIS_URL": redis_url, "CHANNEL_LAYER_PREFIX": prefix, "CACHE_KEY_PREFIX": prefix}
    server = redis.asyncio.Redis.from_url(redis_url)

    async def ours():
        return [c for c in await server.pubsub_channels() if prefix.encode() in c]

    with daphne(**env) as base:
        clients = []
        for batch in range(0, SOCKETS, 25):
            clients += await asyncio.gather(
                *(subscribed_client(base, key, room_id) for key in keys[batch : batch + 25])
            )
        assert len(await ours()) >= SOCKETS  # each socket's channel, the hub's, the groups'
        for ws in clients:
            ws.transport.abort()  # all at once, no close handshake
        left = await ours()
        for _ in range(300):  # Daphne notices the drops and the sockets clean up
            if not left:
                break
            await asyncio.sleep(0.1)
            left = await ours()
        assert left == []
    await server.aclose()
