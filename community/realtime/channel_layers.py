"""The embedded (one-process) channel layer, without Channels' O(sockets) work per message.

Channels' InMemoryChannelLayer sweeps every queue and every group membership
for expired entries on *each* receive and group_send, deep-copies the event
for each socket and starts one task per socket in group_send. A broadcast to
a room of N sockets therefore costs O(N²): with 1,000 sockets that sweep is
most of the CPU a post costs. This subclass keeps the same semantics
(capacity, expiry, group expiry, ChannelFull dropped on group_send) but sweeps
at most once a second, copies flat events shallowly (their values are
immutable: the frame travels as encoded text) and fills the queues in one loop.

Production with several processes uses channels-redis (REDIS_URL); this is
only the default for one process.
"""

import asyncio
import time
from copy import copy, deepcopy

from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer

_FLAT = (str, int, float, bool, bytes, type(None))
SWEEP_EVERY = 1.0


class FastInMemoryChannelLayer(InMemoryChannelLayer):
    _last_sweep = 0.0

    def _sweep(self):
        now = time.monotonic()
        if now - self._last_sweep >= SWEEP_EVERY:
            self._last_sweep = now
            self._clean_expired()

    def _put(self, channel, message):
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        flat = all(isinstance(value, _FLAT) for value in message.values())
        queue.put_nowait((time.time() + self.expiry, copy(message) if flat else deepcopy(message)))

    async def send(self, channel, message):
        assert isinstance(message, dict), "message is not a dict"
        self.require_valid_channel_name(channel)
        assert "__asgi_channel__" not in message
        try:
            self._put(channel, message)
        except asyncio.QueueFull:
            raise ChannelFull(channel) from None

    async def receive(self, channel):
        self.require_valid_channel_name(channel)
        self._sweep()
        queue = self.channels.get(channel)
        if queue is None:
            queue = self.channels[channel] = asyncio.Queue(maxsize=self.get_capacity(channel))
        try:
            _, message = await queue.get()
        finally:
            if queue.empty() and self.channels.get(channel) is queue:
                self.channels.pop(channel, None)
        return message

    async def group_send(self, group, message):
        assert isinstance(message, dict), "Message is not a dict"
        self.require_valid_group_name(group)
        self._sweep()
        for channel in list(self.groups.get(group, ())):
            try:
                self._put(channel, message)
            except asyncio.QueueFull:
                pass  # as channels does: a full socket queue drops the event (clients catch up by seq)
