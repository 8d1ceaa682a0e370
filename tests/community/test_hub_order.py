"""Each process's room hub delivers a room's new messages in seq order.

Two processes committing to one room may publish in another order than they committed; the
hub holds a message briefly until the one before it arrives, so clients see no gap and need
no repair read. A gap that stays (a held post's seq) delays the next message by at most the
window, never for good.
"""

import asyncio

from channels.layers import get_channel_layer

from community import realtime
from community.realtime.hub import REORDER_WINDOW, _Room, hub_for


def message(seq):
    return {"type": "room.frame", "room": 1, "seq": seq, "text": f"m{seq}"}


def test_messages_out_of_order_wait_for_their_predecessor():
    room = _Room("channel")
    assert [e["seq"] for e in room.order(message(5))] == [5]
    assert room.order(message(7)) == []  # 6 has not arrived yet
    assert [e["seq"] for e in room.order(message(6))] == [6, 7]
    other = {"type": "room.frame", "room": 1, "text": "a reaction"}  # not a new message
    assert room.order(other) == [other]


def test_a_gap_that_stays_is_given_up_on_in_order():
    room = _Room("channel")
    room.order(message(1))
    room.order(message(4))
    room.order(message(3))  # 2 was a post held for review: it never comes
    assert [e["seq"] for e in room.give_up_waiting()] == [3, 4]
    assert [e["seq"] for e in room.order(message(5))] == [5]


class Listener:
    def __init__(self):
        self.texts = []

    async def room_event(self, event):
        self.texts.append(event["text"])


async def test_the_hub_delivers_reordered_messages_to_its_sockets():
    layer = get_channel_layer()
    hub = hub_for(layer)
    listener = Listener()
    await hub.join(991, listener)
    try:
        group = realtime.room_group(991)
        for seq in (1, 3, 2, 5):  # 4 never comes
            await layer.group_send(group, {"type": "room.frame", "room": 991, "seq": seq, "text": f"m{seq}"})
        for _ in range(100):
            if len(listener.texts) == 4:
                break
            await asyncio.sleep(REORDER_WINDOW / 5)
        assert listener.texts == ["m1", "m2", "m3", "m5"]
    finally:
        await hub.leave(991, listener)
