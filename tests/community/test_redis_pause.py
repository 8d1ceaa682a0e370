"""A post while Redis is paused is answered, not left hanging, and is not lost.

A real Daphne on Redis (channel layer and cache). Redis is paused for writes (`CLIENT PAUSE
WRITE`, as a Redis stuck on a slow disk or a failover would be) while a signed-in teacher
posts: the socket gets an answer (a retryable `unavailable` error, or the ack when the
message was stored) while Redis is still paused, the socket stays open, and once Redis is
back the client's resend with the same client_id gets exactly one message.
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


def world():
    teacher = make_user("Aysel")
    room = make_room(members=[teacher])
    return room.pk, session_key(teacher)


async def answer_to(ws, client_id, timeout):
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame.get("client_id") == client_id and frame["type"] in ("ack", "error"):
            return frame


def message_count(room_id):
    from community.discussions.models import Message

    return Message.objects.filter(room_id=room_id, client_id="paused-1").count()


async def test_a_post_during_a_redis_pause_is_answered_and_not_lost(redis_url):
    room_id, key = await database_sync_to_async(world)()
    prefix = f"pause{secrets.token_hex(3)}"
    env = {"REDIS_URL": redis_url, "CHANNEL_LAYER_PREFIX": prefix, "CACHE_KEY_PREFIX": prefix}
    admin = redis.asyncio.Redis.from_url(redis_url)
    with daphne(**env) as base:
        port = base.rsplit(":", 1)[1]
        async with connect(
            f"ws://127.0.0.1:{port}/ws/",
            additional_headers={"Origin": base, "Cookie": f"sessionid={key}"},
            open_timeout=15,
        ) as ws:
            await ws.send(json.dumps({"type": "subscribe", "room": room_id, "since": 0}))
            while json.loads(await asyncio.wait_for(ws.recv(), 15))["type"] != "backlog":
                pass
            post = {"type": "post", "room": room_id, "body": "said while Redis was away", "client_id": "paused-1"}
            await admin.execute_command("CLIENT", "PAUSE", 60000, "WRITE")
            try:
                await ws.send(json.dumps(post))
                # answered while Redis is still paused (it stays paused for a minute)
                first = await answer_to(ws, "paused-1", timeout=30)
                assert first["type"] == "ack" or first["code"] == "unavailable", first
            finally:
                await admin.execute_command("CLIENT", "UNPAUSE")
            await ws.send(json.dumps(post))  # the client resends from its outbox
            second = await answer_to(ws, "paused-1", timeout=30)
            assert second["type"] == "ack", second

            # Redis paused altogether: /healthz answers at once, naming it; a socket that
            # closes meanwhile still cleans up once Redis is back
            # (a short pause that ends by itself: under ALL even CLIENT UNPAUSE may wait)
            await admin.execute_command("CLIENT", "PAUSE", 6000, "ALL")
            health = await asyncio.to_thread(fetch_health, base)
            await ws.close()
        assert health == (503, "error: timeout"), health
        left = await ours(admin, prefix)
        for _ in range(150):
            if not left:
                break
            await asyncio.sleep(0.1)
            left = await ours(admin, prefix)
        assert left == []
    assert await database_sync_to_async(message_count)(room_id) == 1
    await admin.aclose()


def fetch_health(base):
    from urllib.error import HTTPError
    from urllib.request import urlopen

    try:
        with urlopen(base + "/healthz", timeout=20) as response:  # noqa: S310 - loopback only
            return response.status, json.loads(response.read())["checks"]["channel_layer"]
    except HTTPError as error:
        return error.code, json.loads(error.read())["checks"]["channel_layer"]


async def ours(admin, prefix):
    return [c for c in await admin.pubsub_channels() if prefix.encode() in c]
