"""The room hub: one channel-layer subscription per room per process, whatever the number of sockets."""

import pytest
from channels.layers import get_channel_layer

from community import realtime
from community.discussions.hub import hub_for
from tests.community.ws_support import (
    db,
    expect,
    make_room,
    make_user,
    nothing_more,
    open_socket,
    post,
    posted,
    send,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def fresh_cache(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100


def group_members(layer, room_id):
    """Channel names in the room's group, in this process's view of the layer."""
    group = realtime.room_group(room_id)
    if hasattr(layer, "_get_layer"):  # channels_redis pub/sub: one inner layer per event loop
        inner = layer._get_layer()
        return set(inner.groups.get(inner._get_group_channel_name(group), ()))
    if isinstance(getattr(layer, "groups", None), dict):  # the in-memory layer
        return set(layer.groups.get(group, {}))
    pytest.fail(f"no way to read group membership of {type(layer).__name__}")


async def test_many_sockets_in_a_room_share_one_subscription_and_all_receive():
    members = [await db(make_user)(f"Teacher {i}") for i in range(4)]
    room = await db(make_room)(members=members)
    sockets = [await open_socket(user) for user in members]
    for socket in sockets:
        await subscribe(socket, room.pk)
    layer = get_channel_layer()
    assert len(group_members(layer, room.pk)) == 1  # the hub's channel, not four sockets'
    assert hub_for(layer).member_count(room.pk) == 4

    await post(sockets[0], room.pk, "One post, four sockets", "hub-1")
    ack = await posted(sockets[0])
    for socket in sockets[1:]:
        assert (await expect(socket, "message"))["message"]["id"] == ack["message"]["id"]

    # One socket unsubscribes: it hears nothing more; the others still do.
    await send(sockets[1], {"type": "unsubscribe", "room": room.pk})
    await post(sockets[0], room.pk, "After one left", "hub-2")
    await posted(sockets[0])
    assert await nothing_more(sockets[1])
    for socket in sockets[2:]:
        assert "After one left" in (await expect(socket, "message"))["message"]["body_html"]

    # The last socket to leave ends the process's subscription to the room.
    for socket in sockets:
        await socket.disconnect()
    assert group_members(layer, room.pk) == set()
    assert hub_for(layer).member_count(room.pk) == 0
