"""A held edit over the socket: others keep the published body (live and in the backlog) until approval."""

import json

import pytest
from channels.db import database_sync_to_async
from django.core.cache import cache

from community.discussions.services import message_post
from tests.community.moderation_factories import World, join, person
from tests.community.ws_support import expect, open_socket, send

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SKIP = ("presence", "typing", "notification")
SPAM = "Cheap essays at https://spam.example/buy"


@pytest.fixture(autouse=True)
def reviewers(settings):
    settings.POST_REVIEWERS = ["community.moderation.trust.review_post"]
    cache.clear()
    yield
    cache.clear()


async def quiet(socket, timeout=0.6):
    """True when nothing but presence/typing/notification frames arrives within `timeout`."""
    import asyncio

    await asyncio.sleep(timeout)
    while not socket.output_queue.empty():
        frame = json.loads(await socket.receive_from())
        if frame["type"] not in SKIP:
            return False
    return True


async def backlog(user, room):
    socket = await open_socket(user)
    await send(socket, {"type": "subscribe", "room": room.pk, "since": 0})
    frame = await expect(socket, "backlog", skip=SKIP)
    return socket, frame


def _setup():
    world = World()
    newcomer = person("Newcomer", days_old=1)
    join(world.community, newcomer)
    message, _ = message_post(user=newcomer, room=world.room, body="hello", client_id="live-1")
    return world, newcomer, message


async def test_a_held_edit_leaves_hello_for_visitors_until_a_moderator_approves_it():
    world, newcomer, message = await database_sync_to_async(_setup)()
    visitor, _frame = await backlog(None, world.room)
    writer, _frame = await backlog(newcomer, world.room)

    await send(writer, {"type": "edit", "message": message.pk, "body": SPAM})

    own = await expect(writer, "edited", skip=SKIP + ("ack",))
    assert own["message"]["edit_pending"] is True
    assert "spam.example" in own["message"]["body_html"]
    assert await quiet(visitor)
    late, frame = await backlog(None, world.room)
    bodies = [m["body_html"] for m in frame["messages"] if m["id"] == message.pk]
    assert bodies == ["<p>hello</p>"]

    moderator = await open_socket(world.moderator)
    await send(moderator, {"type": "moderate", "action": "approve", "message": message.pk})
    await expect(moderator, "moderated", skip=SKIP + ("edited",))

    for socket in (visitor, late):
        edited = await expect(socket, "edited", skip=SKIP)
        assert edited["message"]["id"] == message.pk
        assert "spam.example" in edited["message"]["body_html"]
        assert "edit_pending" not in edited["message"]
    for socket in (visitor, late, writer, moderator):
        await socket.disconnect()
