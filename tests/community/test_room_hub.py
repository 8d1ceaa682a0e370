"""The room hub on its own: delivery, leaving under cancellation, a failing layer, the Redis list layer."""

import asyncio
import secrets

from channels.layers import InMemoryChannelLayer

from community import realtime
from community.realtime import hub as hub_module
from community.realtime.channel_layers import FastInMemoryChannelLayer
from community.realtime.hub import RoomHub


class Socket:
    """Stands in for a consumer: records the room events the hub hands it."""

    def __init__(self):
        self.events = []
        self.arrived = asyncio.Event()

    async def room_event(self, event):
        self.events.append(event)
        self.arrived.set()


def group(layer, room_id):
    return set(layer.groups.get(realtime.room_group(room_id), {}))


async def test_a_leave_cancelled_while_the_room_closes_still_closes_it():
    layer = FastInMemoryChannelLayer()
    hub = RoomHub(layer)
    socket = Socket()
    await hub.join(7, socket)
    assert len(group(layer, 7)) == 1
    await hub.lock.acquire()  # another room is opening: closing this one must wait
    leaving = asyncio.ensure_future(hub.leave(7, socket))
    await asyncio.sleep(0.01)
    leaving.cancel()  # as Daphne cancels a closed socket's application
    await asyncio.gather(leaving, return_exceptions=True)
    assert hub.member_count(7) == 0  # the socket is gone at once
    hub.lock.release()
    await asyncio.sleep(0.05)
    assert 7 not in hub.rooms and group(layer, 7) == set()  # and the room closed all the same


async def test_a_room_rejoined_while_closing_stays_open():
    layer = FastInMemoryChannelLayer()
    hub = RoomHub(layer)
    first, second = Socket(), Socket()
    await hub.join(3, first)
    await hub.lock.acquire()
    leaving = asyncio.ensure_future(hub.leave(3, first))
    await asyncio.sleep(0.01)
    await hub.join(3, second)  # the room is still open: no lock needed
    hub.lock.release()
    await leaving
    await layer.group_send(realtime.room_group(3), {"type": "room.frame", "room": 3, "text": "x"})
    await asyncio.wait_for(second.arrived.wait(), 2)
    assert first.events == []


class FlakyLayer(InMemoryChannelLayer):
    """Fails its first receive, as a Redis connection that drops would."""

    failures = 1

    async def receive(self, channel):
        if self.failures:
            self.failures -= 1
            raise ConnectionError("connection lost")
        return await super().receive(channel)


async def test_the_room_survives_a_failing_layer(monkeypatch):
    monkeypatch.setattr(hub_module, "RETRY_AFTER", (0.01,))
    layer = FlakyLayer()
    hub = RoomHub(layer)
    socket = Socket()
    await hub.join(5, socket)
    await asyncio.sleep(0.05)  # the first receive has failed by now
    await layer.group_send(realtime.room_group(5), {"type": "room.frame", "room": 5, "text": "y"})
    await asyncio.wait_for(socket.arrived.wait(), 2)
    assert socket.events[0]["text"] == "y"


async def test_with_the_redis_list_layer_room_events_do_not_wait_for_a_socket_channel(redis_url):
    """channels-redis' list layer receives all of a process's channels through one key."""
    from channels_redis.core import RedisChannelLayer

    layer = RedisChannelLayer(hosts=[redis_url], prefix=f"hubtest{secrets.token_hex(3)}")
    own = asyncio.ensure_future(layer.receive(await layer.new_channel()))  # a socket's own loop
    hub = RoomHub(layer)
    socket = Socket()
    try:
        await hub.join(9, socket)
        await asyncio.sleep(0.1)
        await layer.group_send(realtime.room_group(9), {"type": "room.frame", "room": 9, "text": "z"})
        await asyncio.wait_for(socket.arrived.wait(), 2)  # not held until the socket hears something
    finally:
        own.cancel()
        await hub.leave(9, socket)
        await asyncio.gather(own, return_exceptions=True)
        await layer.flush()
