"""Direct conversations over the socket: live between members, closed to outsiders, shut by a block."""

import pytest

from tests.community.ws_support import (
    db,
    expect,
    make_user,
    open_socket,
    post,
    posted,
    send,
    subscribe,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _open_conversation(aysel, bakyt):
    from community.discussions import services

    conversation, _ = services.conversation_start(
        user=aysel, recipients=[bakyt], body="Salam, Bakyt!", client_id="ws-dm-1"
    )
    services.conversation_accept(user=bakyt, conversation_id=conversation.room_id)
    return conversation.room_id


def _block(user, target):
    from community.discussions import services

    services.user_block(user=user, target=target)


def _bodies(room_id):
    from community.discussions.models import Message

    return list(Message.objects.filter(room_id=room_id).order_by("seq").values_list("body", flat=True))


async def test_a_conversation_is_live_between_its_members_and_invisible_to_others():
    aysel, bakyt = await db(make_user)("Aysel"), await db(make_user)("Bakyt")
    carla = await db(make_user)("Carla")
    room_id = await db(_open_conversation)(aysel, bakyt)
    ws_a, ws_b, ws_c = await open_socket(aysel), await open_socket(bakyt), await open_socket(carla)
    backlog = await subscribe(ws_b, room_id)
    assert ["Salam, Bakyt!" in m["body_html"] for m in backlog["messages"]] == [True]
    await subscribe(ws_a, room_id)
    await post(ws_a, room_id, "Shall we plan the rivers project?", "ws-dm-2")
    await posted(ws_a)
    live = await expect(ws_b, "message", skip=("presence", "typing", "read", "notification"))
    assert "Shall we plan the rivers project?" in live["message"]["body_html"]
    # an outsider can neither subscribe nor post: the room answers like a missing one
    await send(ws_c, {"type": "subscribe", "room": room_id, "since": 0})
    assert (await expect(ws_c, "error"))["code"] == "not_found"
    await post(ws_c, room_id, "let me in", "ws-dm-sneak")
    assert (await expect(ws_c, "error"))["code"] == "not_found"
    assert await db(_bodies)(room_id) == ["Salam, Bakyt!", "Shall we plan the rivers project?"]
    for ws in (ws_a, ws_b, ws_c):
        await ws.disconnect()


async def test_a_blocked_teacher_cannot_post_over_the_socket():
    aysel, bakyt = await db(make_user)("Aysel"), await db(make_user)("Bakyt")
    room_id = await db(_open_conversation)(aysel, bakyt)
    await db(_block)(bakyt, aysel)
    ws = await open_socket(aysel)
    await subscribe(ws, room_id)
    await post(ws, room_id, "Why did you block me?", "ws-dm-blocked")
    refused = await expect(ws, "error")
    assert refused["code"] == "forbidden"
    assert await db(_bodies)(room_id) == ["Salam, Bakyt!"]
    await ws.disconnect()


async def test_the_recipients_inbox_hears_the_unread_count_live():
    aysel, bakyt = await db(make_user)("Aysel"), await db(make_user)("Bakyt")
    room_id = await db(_open_conversation)(aysel, bakyt)
    inbox = await open_socket(bakyt)  # the inbox page's socket: subscribed to no room
    ws_a = await open_socket(aysel)
    await subscribe(ws_a, room_id)
    await post(ws_a, room_id, "Are you free on Friday?", "ws-dm-3")
    await posted(ws_a)
    frame = await expect(inbox, "read", skip=("presence", "typing", "notification"))
    assert frame["room"] == room_id and frame["unread"] == 2
    await inbox.disconnect()
    await ws_a.disconnect()
