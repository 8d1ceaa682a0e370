"""Two real Daphne processes on one Redis: a post on one reaches a client of the other.

Real `websockets` clients log in with a session cookie made in the test
database (transactional test: the servers see the committed rows) and send
an Origin the site serves, as a browser does.
"""

import asyncio
import json
import secrets

import pytest
from channels.db import database_sync_to_async
from websockets.asyncio.client import connect

from tests.community.ws_support import make_room, make_user, session_key
from tests.support.servers import daphne

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


async def open_client(base, key):
    port = base.rsplit(":", 1)[1]
    return await connect(
        f"ws://127.0.0.1:{port}/ws/",
        additional_headers={"Origin": base, "Cookie": f"sessionid={key}"},
        open_timeout=15,
    )


async def next_frame(ws, kind, timeout=30):
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), timeout))
        if frame["type"] == kind:
            return frame
        if frame["type"] == "error":
            raise AssertionError(frame)


def world():
    aysel, rashad = make_user("Aysel"), make_user("Rashad")
    room = make_room(visibility="private", members=[aysel, rashad])
    return room.pk, session_key(aysel), session_key(rashad)


async def test_a_message_posted_on_one_process_is_delivered_by_the_other(redis_url):
    room_id, aysel_key, rashad_key = await database_sync_to_async(world)()
    prefix = f"rt2d{secrets.token_hex(3)}"
    env = {"REDIS_URL": redis_url, "CHANNEL_LAYER_PREFIX": prefix, "CACHE_KEY_PREFIX": prefix}
    with daphne(**env) as first, daphne(**env) as second:
        rashad = await open_client(second, rashad_key)
        aysel = await open_client(first, aysel_key)
        try:
            await rashad.send(json.dumps({"type": "subscribe", "room": room_id, "since": 0}))
            await next_frame(rashad, "backlog")
            await aysel.send(json.dumps({"type": "subscribe", "room": room_id, "since": 0}))
            await next_frame(aysel, "backlog")
            # presence is shared through the Redis cache: Rashad (on the other process) hears Aysel arrive
            presence = await next_frame(rashad, "presence")
            while len(presence["online"]) < 2:
                presence = await next_frame(rashad, "presence")
            assert {p["name"].split()[0] for p in presence["online"]} == {"Aysel", "Rashad"}

            await aysel.send(
                json.dumps({"type": "post", "room": room_id, "client_id": "two-procs-1", "body": "Across processes"})
            )
            ack = await next_frame(aysel, "ack")
            delivered = await next_frame(rashad, "message")
            assert delivered["message"]["id"] == ack["message"]["id"]
            assert "Across processes" in delivered["message"]["body_html"]
        finally:
            await aysel.close()
            await rashad.close()
