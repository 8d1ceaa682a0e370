"""The room hub: one channel-layer subscription per room per process.

A room's events (`room.frame`: messages, edits, reactions, presence, typing)
used to reach every subscribed socket through its own channel: a post to a
room of 1,000 sockets meant 1,000 queue entries (1,000 Redis list pushes with
the list-based layer), 1,000 task wake-ups and 1,000 event-loop turns. Here
each process subscribes once per room that any of its sockets reads, receives
each event once, and hands it to its local sockets in one loop; a socket still
decides for itself whether to forward it (it may be joining, or have lost its
access). Per-user events (notifications, revocations) keep the socket's own
channel. If the layer fails (Redis restarting), the room keeps its sockets and
retries; clients catch up by `seq` as after any lost event.

This relies on the server's `send` not waiting on a slow client: Daphne writes
a frame into the connection's buffer and returns, so one stalled reader cannot
hold up the room. A hub channel carries all of a room's events, so the layers
are configured with deeper queues than Channels' default of 100; the hub
renews its group memberships long before a layer's group expiry (a day by
default) would end them.
"""

import asyncio
import logging
import weakref

from community.realtime.events import room_group

logger = logging.getLogger(__name__)

RENEW_EVERY = 3600  # seconds; channel layers expire group memberships after a day by default
RETRY_AFTER = (0.5, 1, 2, 5)  # seconds between attempts when the layer fails to deliver

_hubs = weakref.WeakKeyDictionary()  # event loop → {layer alias: RoomHub}


def hub_for(layer, alias="default"):
    """The hub of this process (this event loop) for the channel layer `layer`."""
    per_loop = _hubs.setdefault(asyncio.get_running_loop(), {})
    hub = per_loop.get(alias)
    if hub is None or hub.layer is not layer:
        hub = per_loop[alias] = RoomHub(layer)
    return hub


REORDER_WINDOW = 0.15  # seconds a new message may wait for the one before it (see _Room.order)


class _Room:
    __slots__ = ("channel", "members", "task", "last_seq", "held", "flush")

    def __init__(self, channel):
        self.channel = channel
        self.members = {}  # socket (consumer) → None: an ordered set
        self.task = None
        self.last_seq = None  # the last new message's seq delivered by this process
        self.held = {}  # seq → event that came before its predecessor
        self.flush = None  # timer that delivers the held events when the window ends

    def order(self, event):
        """The events to deliver now, in seq order, for one event received from the layer.

        Two processes committing to one room may publish in another order than they committed;
        each client would then see a gap, read the backlog to repair it, and get the message
        twice. A new message whose predecessor has not arrived waits here up to
        REORDER_WINDOW; a gap that stays (a post held for review takes a seq but is not
        published) is given up on when the window ends.
        """
        seq = event.get("seq")
        if seq is None or self.last_seq is None or seq <= self.last_seq + 1:
            if seq is not None and (self.last_seq is None or seq > self.last_seq):
                self.last_seq = seq
            return [event, *self._released()]
        self.held[seq] = event
        return []

    def _released(self):
        out = []
        while self.last_seq is not None and self.last_seq + 1 in self.held:
            self.last_seq += 1
            out.append(self.held.pop(self.last_seq))
        return out

    def give_up_waiting(self):
        """The window ended: deliver what is held, in order, past the gap."""
        out = []
        for seq in sorted(self.held):
            out.append(self.held.pop(seq))
            self.last_seq = max(self.last_seq or seq, seq)
        return out


class RoomHub:
    """Rooms open and close under `lock` (they wait on the layer); joining an open room does not."""

    def __init__(self, layer):
        self.layer = layer
        self.rooms = {}  # room id → _Room
        self.lock = asyncio.Lock()
        self.renewer = None

    async def join(self, room_id, consumer):
        """From now on `consumer.room_event(event)` is called for each event of the room."""
        room = self.rooms.get(room_id)
        if room is None:
            async with self.lock:
                room = self.rooms.get(room_id)
                if room is None:
                    # The layer's ordinary channel name: the list-based Redis layer receives all
                    # of a process's channels through one key, which a second prefix would starve.
                    room = _Room(await self.layer.new_channel())
                    await self.layer.group_add(room_group(room_id), room.channel)
                    self.rooms[room_id] = room
        if room.task is None or room.task.done():
            room.task = asyncio.ensure_future(self._deliver(room))
        if self.renewer is None or self.renewer.done():
            self.renewer = asyncio.ensure_future(self._renew())
        room.members[consumer] = None

    async def leave(self, room_id, consumer):
        """Stop calling `consumer` for the room; the last socket to leave ends the subscription.

        The socket is dropped at once, so a leave that is cancelled half-way (Daphne cancels a
        closed socket's application) never leaves it behind; closing the room is shielded.
        """
        room = self.rooms.get(room_id)
        if room is None or room.members.pop(consumer, False) is False or room.members:
            return
        await asyncio.shield(self._close_if_empty(room_id, room))

    def member_count(self, room_id):
        room = self.rooms.get(room_id)
        return len(room.members) if room else 0

    async def _close_if_empty(self, room_id, room):
        async with self.lock:
            if self.rooms.get(room_id) is not room or room.members:
                return  # someone joined meanwhile
            del self.rooms[room_id]
            if room.flush is not None:
                room.flush.cancel()
            try:
                await self.layer.group_discard(room_group(room_id), room.channel)
            finally:
                if room.task is not None:
                    room.task.cancel()
                    await asyncio.gather(room.task, return_exceptions=True)

    async def _deliver(self, room):
        receive, channel = self.layer.receive, room.channel
        failures = 0
        while True:
            try:
                event = await receive(channel)
            except Exception:  # the layer failed (Redis away): keep the room, try again
                logger.exception("receiving a room's events failed; retrying")
                await asyncio.sleep(RETRY_AFTER[min(failures, len(RETRY_AFTER) - 1)])
                failures += 1
                continue
            failures = 0
            for ready in room.order(event):
                await self._hand_out(room, ready)
            if room.held and room.flush is None:
                room.flush = asyncio.get_running_loop().call_later(
                    REORDER_WINDOW, lambda room=room: asyncio.ensure_future(self._give_up(room))
                )

    async def _give_up(self, room):
        room.flush = None
        for ready in room.give_up_waiting():
            await self._hand_out(room, ready)

    async def _hand_out(self, room, event):
        for consumer in list(room.members):
            try:
                await consumer.room_event(event)
            except Exception:  # one socket's failure must not end the room's deliveries
                logger.exception("room event failed for one socket")

    async def _renew(self):
        while self.rooms:
            await asyncio.sleep(RENEW_EVERY)
            for room_id in list(self.rooms):
                async with self.lock:
                    room = self.rooms.get(room_id)
                    if room is None:
                        continue  # closed meanwhile: never add its channel back
                    try:
                        await self.layer.group_add(room_group(room_id), room.channel)
                    except Exception:
                        logger.exception("renewing the room hub's group membership failed")
