"""The WebSocket access matrix: every client frame type of the protocol (its built-in frames and
the ones other apps register, such as moderation's `moderate`), for every role
(access_world.ROLES; the visitor is a socket without a session), aimed at each room kind of the
world: the private community's room, the direct conversation, the project workspace.

Each frame type's row in EXPECTED names, per room kind, the roles that get the normal answer.
A role that may read the room (its `subscribe` cell) but not do this gets an error frame; a role
that may not read it gets exactly the error it gets for a room or message that does not exist.
A refused frame writes nothing. No frame any socket receives carries a secret word of something
its role may not see (access_world.SECRETS). A new frame type without a row fails, and so does
a row for a frame type that no longer exists.
"""

import json

import pytest

from community.realtime import protocol
from tests.community.ws_support import db, open_socket, send
from tests.security import access_world
from tests.security.access_world import ABBREVIATIONS, ALL

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOMS = ("community", "direct", "project")

#: frame type → room kind → the roles that get the normal answer (everyone else is refused).
EXPECTED = {
    "subscribe": {"community": "mem mod amb stf", "direct": "mem dmp", "project": "prj stf pup"},
    "typing": {"community": "mem mod amb stf", "direct": "mem dmp", "project": "prj stf pup"},
    "read": {"community": "mem mod amb stf", "direct": "mem dmp", "project": "prj stf pup"},
    "post": {"community": "mem mod amb stf", "direct": "mem dmp", "project": "prj pup"},
    "react": {"community": "mem mod amb stf", "direct": "mem dmp", "project": "prj pup"},
    "edit": {"community": "mem", "direct": "mem", "project": "prj"},  # the author only
    # pin; staff moderate the rooms of other apps and act on reported direct messages
    "moderate": {"community": "mod amb stf", "direct": "stf", "project": "stf"},
    # one's own; a moderator removes someone else's with a reason, through `moderate`
    "delete": {"community": "mem", "direct": "mem", "project": "prj"},
    "ping": {"community": ALL, "direct": ALL, "project": ALL},
    "unsubscribe": {"community": ALL, "direct": ALL, "project": ALL},  # answered by nothing
}
#: the order the rows are played in on each role's socket (subscribed first, unsubscribed last)
ORDER = ("subscribe", "typing", "read", "post", "react", "edit", "moderate", "delete", "ping")
ORDER += ("unsubscribe",)
#: the frame that confirms an allowed action to the acting socket
ANSWER = {
    "subscribe": "backlog",
    "typing": "typing",
    "read": "read",
    "post": "ack",
    "react": "reaction",
    "edit": "edited",
    "moderate": "moderated",
    "delete": "deleted",
    "ping": "pong",
    "unsubscribe": None,
}
MISSING = 10**9  # a room and a message id that do not exist
#: the project room's message: a secret word of the workspace, which its pupils read too
PROJECT_SECRET = {"Saffronriver": {"project_member", "staff", "pupil"}}


def _roles(text):
    return {ABBREVIATIONS[a] for a in text.split()}


def test_every_frame_type_has_a_row_and_every_row_a_frame_type():
    assert sorted(set(protocol.FRAME_FIELDS) - set(EXPECTED)) == [], "new frames need a row"
    assert sorted(set(EXPECTED) - set(protocol.FRAME_FIELDS)) == [], "rows for frames that are gone"
    assert set(ORDER) == set(EXPECTED) and set(ANSWER) == set(EXPECTED)
    for row in EXPECTED.values():
        assert set(row) == set(ROOMS)


def _build():
    from community.discussions.services.direct import conversation_accept
    from tests.community import discussions_factories as df

    w = access_world.build()
    conversation_accept(user=w.dm_peer, conversation_id=w.conversation.room_id)  # both may write
    w.rooms = {"community": w.room, "direct": w.conversation.room, "project": w.project.room}
    w.authors = {"community": w.member, "direct": w.member, "project": w.project_member}
    df.message(w.project.room, w.project_member, body="Saffronriver plan for Monday")
    return w


def _snapshot(room_ids, message_id):
    """Row counts of the apps' tables, the rooms' and the target message's state, read markers."""
    from django.apps import apps

    from community.discussions.models import Message, ReadState, Room

    counts = tuple(
        model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"discussions", "moderation", "projects", "community"}
        and not model._meta.proxy
    )
    rooms = tuple(Room.objects.filter(pk__in=room_ids).values_list("last_seq", "is_locked"))
    message = tuple(
        Message.objects.filter(pk=message_id).values_list(
            "body", "deleted_at", "hidden_at", "pinned_at", "pending_at"
        )
    )
    reads = tuple(
        ReadState.objects.order_by("pk").values_list("room_id", "user_id", "last_read_seq")
    )
    return counts, rooms, message, reads


def _fresh_message(room, author, n):
    from tests.community import discussions_factories as df

    return df.message(room, author, body=f"Target {n}").pk


def _frame(kind, room_id, message_id, n):
    return {
        "subscribe": {"room": room_id, "since": 0},
        "typing": {"room": room_id},
        "read": {"room": room_id, "upto": 1},
        "post": {"room": room_id, "body": f"Matrix post {n}", "client_id": f"matrix-{n}"},
        "react": {"message": message_id, "emoji": "👍"},
        "edit": {"message": message_id, "body": f"Edited {n}"},
        "moderate": {"message": message_id, "action": "pin"},
        "delete": {"message": message_id},
        "ping": {},
        "unsubscribe": {"room": room_id},
    }[kind] | {"type": kind}


class NoAnswer(Exception):
    """The socket answered nothing in time (and the communicator that timed out is gone)."""


class Socket:
    """One role's socket; every frame it ever receives is kept for the secret check.

    A frame that gets no answer would leave the communicator cancelled: `answer` raises NoAnswer
    naming the cell and opens a new socket for the same user, so the rest of the matrix runs.
    """

    def __init__(self, role, user, ws):
        self.role, self.user, self.ws, self.seen = role, user, ws, []

    @classmethod
    async def open(cls, role, user):
        return cls(role, user, await open_socket(user))

    async def next(self, timeout=3):
        text = await self.ws.receive_from(timeout=timeout)
        self.seen.append(text)
        return json.loads(text)

    async def _reopen(self, frame, cell, waited_for):
        self.ws = await open_socket(self.user)
        if frame["type"] not in ("subscribe", "ping"):  # the new socket follows the rooms again
            for room_id in self.subscribed:
                await send(self.ws, {"type": "subscribe", "room": room_id, "since": 0})
                while (await self.next())["type"] != "backlog":
                    pass
        raise NoAnswer(f"{cell}: {self.role}'s {frame['type']!r} frame got no {waited_for}")

    subscribed = ()

    async def answer(self, frame, confirms, cell):
        """The frames up to the pong of a ping sent after `frame`, and its confirmation if any."""
        await send(self.ws, frame)
        await send(self.ws, {"type": "ping"})
        frames = []
        while True:
            try:
                got = await self.next()
            except TimeoutError:
                await self._reopen(frame, cell, "answer (not even the pong of the ping after it)")
            if got["type"] == "pong" and (frame["type"] != "ping" or frames):
                break
            frames.append(got)
        errors = [f for f in frames if f["type"] == "error"]
        if errors or confirms is None:
            return errors[0] if errors else None, frames
        while not any(confirms(f) for f in frames):
            try:
                frames.append(await self.next())
            except TimeoutError:
                await self._reopen(frame, cell, "confirmation")
        return next((f for f in frames if confirms(f)), None), frames


def _confirms(kind, role_user, room_id, message_id, frame):
    want = ANSWER[kind]
    if want is None:
        return None

    def check(f):
        if f["type"] != want:
            return False
        if kind == "post":
            return f.get("client_id") == frame["client_id"]
        if kind in ("subscribe", "read"):
            return f.get("room") == room_id
        if kind == "typing":
            return f.get("room") == room_id and (f.get("user") or {}).get("id") == role_user.pk
        if kind in ("react", "delete", "edit"):
            message = f.get("message")
            return (message.get("id") if isinstance(message, dict) else message) == message_id
        return True

    return check


def _same_error(error, missing, target):
    def norm(f, target_id):
        f = dict(f or {})
        if f.get("ref") == target_id:
            f["ref"] = "<target>"
        f.pop("client_id", None)  # a post's error carries the post's own client_id
        return f

    return norm(error, target) == norm(missing, MISSING)


async def test_the_frame_matrix(settings):
    from django.core.cache import cache

    cache.clear()
    settings.DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 100_000
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100
    world = await db(_build)()
    secrets = {**access_world.SECRETS, **PROJECT_SECRET}
    sockets = {role: await Socket.open(role, user) for role, user in world.users.items()}
    room_ids = [room.pk for room in world.rooms.values()]
    wrong, n = [], 0
    missing_answers = {}
    for kind in ORDER:
        for role, sock in sockets.items():
            if kind not in missing_answers:
                missing_answers[kind] = {}
            probe = _frame(kind, MISSING, MISSING, f"missing-{role}")
            try:
                missing_answers[kind][role], _ = await sock.answer(
                    probe, None, f"{kind} (missing room or message) {role}"
                )
            except NoAnswer as lost:
                missing_answers[kind][role] = None
                wrong.append(str(lost))
        for room_kind in ROOMS:
            room = world.rooms[room_kind]
            readers = _roles(EXPECTED["subscribe"][room_kind])
            allowed = _roles(EXPECTED[kind][room_kind])
            for role, sock in sockets.items():
                n += 1
                message_id = None
                if kind in ("react", "edit", "moderate", "delete"):
                    message_id = await db(_fresh_message)(room, world.authors[room_kind], n)
                frame = _frame(kind, room.pk, message_id, f"{role}-{room_kind}")
                cell = f"{kind} {room_kind} {role}"
                before = await db(_snapshot)(room_ids, message_id)
                user = world.users[role]
                try:
                    answer, _ = await sock.answer(
                        frame, _confirms(kind, user, room.pk, message_id, frame), cell
                    )
                except NoAnswer as lost:
                    wrong.append(str(lost))
                    continue
                if kind == "subscribe" and answer is not None and answer["type"] == "backlog":
                    sock.subscribed = (*sock.subscribed, room.pk)
                if role in allowed:
                    want = ANSWER[kind]
                    if want is None:
                        if answer is not None:
                            wrong.append(f"{cell}: expected nothing, got {answer}")
                    elif answer is None or answer["type"] != want:
                        wrong.append(f"{cell}: expected {want!r}, got {answer}")
                    continue
                if answer is None or answer["type"] != "error":
                    wrong.append(f"{cell}: expected a refusal, got {answer}")
                elif role not in readers:
                    missing = missing_answers[kind][role]
                    target = message_id if message_id is not None else room.pk
                    if not _same_error(answer, missing, target):
                        wrong.append(f"{cell}: {answer} differs from a missing one's {missing}")
                if await db(_snapshot)(room_ids, message_id) != before:
                    wrong.append(f"{cell}: a refused frame wrote to the database")
    for role, sock in sockets.items():
        for text in sock.seen:
            for secret, readers in secrets.items():
                if role not in readers and secret in text:
                    wrong.append(f"{role} received {secret}: {text[:200]}")
        await sock.ws.disconnect()
    assert wrong == [], "\n".join(wrong)
