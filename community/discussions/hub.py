"""The room hub: one channel-layer subscription per room per process.

A room's events (`room.frame`: messages, edits, reactions, presence, typing)
used to reach every subscribed socket through its own channel: a post to a
room of 1,000 sockets meant 1,000 queue entries (1,000 Redis list pushes with
the list-based layer), 1,000 task wake-ups and 1,000 event-loop turns. Here
each process subscribes once per room that any of its sockets reads, receives
each event once, and hands it to its local sockets in one loop; a socket still
decides for itself whether to forward it (it may be joining, or have lost its
access). Per-user events (notifications, revocations) keep the socket's own
channel.

This relies on the server's `send` not waiting on a slow client: Daphne writes
a frame into the connection's buffer and returns, so one stalled reader cannot
hold up the room. The hub's channel is named `roomhub.*`, which the settings
give a deeper queue than a socket's; the hub renews its group memberships
long before a layer's group expiry (a day by default) would end them.
"""

import asyncio
import logging
import weakref

from community import realtime

logger = logging.getLogger(__name__)

CHANNEL_PREFIX = "roomhub"
RENEW_EVERY = 3600  # seconds; channel layers expire group memberships after a day by default

_hubs = weakref.WeakKeyDictionary()  # event loop → {layer alias: RoomHub}


def hub_for(layer, alias="default"):
    """The hub of this process (this event loop) for the channel layer `layer`."""
    per_loop = _hubs.setdefault(asyncio.get_running_loop(), {})
    hub = per_loop.get(alias)
    if hub is None or hub.layer is not layer:
        hub = per_loop[alias] = RoomHub(layer)
    return hub


class _Room:
    __slots__ = ("channel", "members", "task")

    def __init__(self, channel):
        self.channel = channel
        self.members = {}  # socket (consumer) → None: an ordered set
        self.task = None


class RoomHub:
    def __init__(self, layer):
        self.layer = layer
        self.rooms = {}  # room id → _Room
        self.lock = asyncio.Lock()
        self.renewer = None

    async def join(self, room_id, consumer):
        """From now on `consumer.room_event(event)` is called for each event of the room."""
        async with self.lock:
            room = self.rooms.get(room_id)
            if room is None:
                room = _Room(await self.layer.new_channel(prefix=CHANNEL_PREFIX))
                await self.layer.group_add(realtime.room_group(room_id), room.channel)
                room.task = asyncio.ensure_future(self._deliver(room))
                self.rooms[room_id] = room
                if self.renewer is None or self.renewer.done():
                    self.renewer = asyncio.ensure_future(self._renew())
            room.members[consumer] = None

    async def leave(self, room_id, consumer):
        """Stop calling `consumer` for the room; the last socket to leave ends the subscription."""
        async with self.lock:
            room = self.rooms.get(room_id)
            if room is None or room.members.pop(consumer, False) is False or room.members:
                return
            del self.rooms[room_id]
            room.task.cancel()
            await asyncio.gather(room.task, return_exceptions=True)
            await self.layer.group_discard(realtime.room_group(room_id), room.channel)

    def member_count(self, room_id):
        room = self.rooms.get(room_id)
        return len(room.members) if room else 0

    async def _deliver(self, room):
        receive, channel = self.layer.receive, room.channel
        while True:
            event = await receive(channel)
            for consumer in list(room.members):
                try:
                    await consumer.room_event(event)
                except Exception:  # one socket's failure must not end the room's deliveries
                    logger.exception("room event failed for one socket")

    async def _renew(self):
        while self.rooms:
            await asyncio.sleep(RENEW_EVERY)
            for room_id, room in list(self.rooms.items()):
                try:
                    await self.layer.group_add(realtime.room_group(room_id), room.channel)
                except Exception:
                    logger.exception("renewing the room hub's group membership failed")
