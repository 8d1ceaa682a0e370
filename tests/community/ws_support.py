"""Helpers for the WebSocket tests: people, a community room, sessions, sockets."""

import asyncio
import itertools
import json

from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone

ORIGIN = (b"origin", b"http://testserver")
_counter = itertools.count(1)


def make_user(name="Teacher", *, verified=True, confirmed=True):
    from community.models import Profile, User

    n = next(_counter)
    user = User.objects.create(
        username=f"ws{n}",
        email=f"ws{n}@example.org",
        email_confirmed=confirmed,
        verified_at=timezone.now() if verified else None,
    )
    Profile.objects.update_or_create(user=user, defaults={"display_name": f"{name} {n}"})
    return user


def make_room(*, visibility="public", members=(), banned=(), title="Staff room"):
    from community.discussions.models import Community, Membership, Room

    n = next(_counter)
    community = Community.objects.create(
        name=f"Community {n}", slug=f"community-{n}", visibility=visibility
    )
    room = Room.objects.create(community=community, title=title)
    for user in members:
        Membership.objects.create(
            community=community, user=user, state="active", joined_at=timezone.now()
        )
    for user in banned:
        Membership.objects.create(community=community, user=user, state="banned")
    return room


def session_key(user):
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    return store.session_key


async def open_socket(user=None, *, origin=ORIGIN, session=None):
    """A connected socket: anonymous, or signed in as `user` (a new session, or `session`'s key)."""
    from config.asgi import application

    headers = [origin] if origin else []
    if user is not None or session is not None:
        key = session or await database_sync_to_async(session_key)(user)
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode()))
    communicator = WebsocketCommunicator(application, "/ws/", headers=headers)
    connected, _ = await communicator.connect(timeout=5)
    assert connected
    return communicator


async def send(communicator, frame):
    await communicator.send_to(text_data=frame if isinstance(frame, str) else json.dumps(frame))


async def expect(communicator, kind, timeout=3, skip=("presence", "typing")):
    """The next frame of `kind`, skipping presence/typing frames; fails on anything else."""
    while True:
        frame = json.loads(await communicator.receive_from(timeout=timeout))
        if frame["type"] == kind:
            return frame
        if frame["type"] in skip:
            continue
        raise AssertionError(f"expected a {kind!r} frame, got {frame}")


async def nothing_more(communicator, timeout=0.3, skip=("presence", "typing")):
    """True when no frame (other than presence/typing) arrives within `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        left = deadline - loop.time()
        if left <= 0:
            return True
        if await communicator.receive_nothing(timeout=left):
            return True
        frame = json.loads(await communicator.receive_from())
        if frame["type"] not in skip:
            raise AssertionError(f"unexpected frame {frame}")


async def subscribe(communicator, room_id, since=0):
    await send(communicator, {"type": "subscribe", "room": room_id, "since": since})
    return await expect(communicator, "backlog")


async def post(communicator, room_id, body, client_id):
    await send(
        communicator, {"type": "post", "room": room_id, "body": body, "client_id": client_id}
    )


db = database_sync_to_async


async def posted(communicator, *, subscribed=True, timeout=3):
    """The `ack` of one's own post, with its echo (the room's `message` frame) drained when subscribed."""
    ack, echo_ids = None, set()
    while ack is None or (subscribed and ack["message"]["id"] not in echo_ids):
        frame = json.loads(await communicator.receive_from(timeout=timeout))
        if frame["type"] == "ack":
            ack = frame
        elif frame["type"] == "message":
            echo_ids.add(frame["message"]["id"])
        elif frame["type"] in ("presence", "typing"):
            continue
        else:
            raise AssertionError(f"expected an ack, got {frame}")
    return ack
