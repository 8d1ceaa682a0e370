"""Backend faults are answered, not crashed on: the socket stays open and nothing is lost."""

import pytest
from django.db import OperationalError

from tests.community.ws_support import (
    db,
    expect,
    make_room,
    make_user,
    open_socket,
    post,
    posted,
    send,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def test_a_post_during_a_database_outage_gets_a_retryable_error_and_the_socket_lives(monkeypatch):
    from community.discussions import services

    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    await subscribe(ws, room.pk)

    def outage(**kwargs):
        raise OperationalError("the database went away")

    monkeypatch.setattr(services, "message_post", outage)
    await post(ws, room.pk, "written during the outage", "fault-1")
    error = await expect(ws, "error")
    assert error["code"] == "unavailable" and error["client_id"] == "fault-1"
    await send(ws, {"type": "ping"})
    await expect(ws, "pong")  # still open (it used to close with 1011)

    monkeypatch.undo()
    await post(ws, room.pk, "written during the outage", "fault-1")  # the client's resend
    ack = await posted(ws)
    assert ack["client_id"] == "fault-1" and not ack.get("duplicate")
    await ws.disconnect()


async def test_a_stored_post_is_acked_even_when_the_channel_layer_fails_to_publish(monkeypatch):
    from channels.layers import get_channel_layer

    from community.discussions.models import Message

    user = await db(make_user)()
    room = await db(make_room)(members=[user])
    ws = await open_socket(user)
    await subscribe(ws, room.pk)
    layer = get_channel_layer()

    async def broken_group_send(group, message):
        raise ConnectionError("Redis went away")

    monkeypatch.setattr(layer, "group_send", broken_group_send)
    await post(ws, room.pk, "kept although nobody heard it live", "fault-2")
    ack = await expect(ws, "ack")
    assert ack["client_id"] == "fault-2"
    stored = await db(lambda: list(Message.objects.filter(room=room).values_list("body", flat=True)))()
    assert stored == ["kept although nobody heard it live"]
    await ws.disconnect()
