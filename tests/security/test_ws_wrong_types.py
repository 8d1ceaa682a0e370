"""Wrong-typed fields, generated from the protocol's own schema (protocol.FRAME_FIELDS, with the
frame types other apps register, such as moderation's `moderate`).

For every client frame type and every field of its schema, the frame is sent over a signed-in
socket with that field replaced by each JSON value of a type the schema does not take (a string,
an int, a bool, a float, a list, an object, an int past any id the database can hold; `null`
for a required field, since an optional one sent as null is the same as leaving it out). The rest of the
frame is valid and names real rows: the room the user moderates, its message, a fellow member,
so a check that let the value through would act on them. Each cell must be answered by an
`error` frame with code `invalid` naming the field (`ref`), must change nothing in the database,
and the socket must still answer a ping. A new frame type or field is covered without a change
here; a cell is named `frame.field=type` in the failure.
"""

import json

import pytest

from community.realtime import protocol
from tests.community.ws_support import db, make_room, make_user, open_socket, send

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

#: a JSON number past the largest id PostgreSQL's bigint (and SQLite's integer) can hold; in an
#: int field it is of the right type, and the services answer it as they do any id that is not there
HUGE = 2**64


def _wrong_values(types, required, valid):
    """JSON type name → a value of that type the field does not take (`valid`: a right one)."""
    as_int = valid if isinstance(valid, int) and not isinstance(valid, bool) else 7
    candidates = {
        "string": str(as_int),  # the id as text: a lax check would find the row anyway
        "int": as_int,
        "bool": True,
        "float": float(as_int),
        "list": [valid],
        "object": {"id": valid},
        "null": None,
        "huge_int": HUGE,
    }
    wrong = {}
    for name, value in candidates.items():
        if name == "null":
            if required:  # an optional field sent as null is the same as leaving it out
                wrong[name] = value
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            wrong[name] = value
    return wrong


#: the frame types that have fields, as the schema holds them once the apps are loaded
KINDS = sorted(kind for kind, fields in protocol.FRAME_FIELDS.items() if fields)


def test_the_cases_cover_every_frame_type_of_the_schema():
    """Frame types registered by other apps are in the schema before the cases are generated."""
    assert "moderate" in KINDS
    assert KINDS == sorted(kind for kind, fields in protocol.FRAME_FIELDS.items() if fields)


def _world():
    from community.discussions.models import Membership
    from tests.community import discussions_factories as df

    user, other = make_user("Mover"), make_user("Fellow")
    room = make_room(members=[user, other])
    Membership.objects.filter(community=room.community, user=user).update(role="moderator")
    message = df.message(room, user, body="The message the cells aim at")
    return user, {
        "room": room.pk,
        "message": message.pk,
        "reply_to": message.pk,
        "community": room.community_id,
        "member": other.pk,
        "since": 0,
        "upto": 0,
        "minutes": 5,
        "seconds": 30,
        "body": "Wrong-typed case",
        "emoji": "👍",
        "action": "pin",
        "reason": "A reason",
    }


def _valid(field, types, n, values):
    if field in values:
        return values[field]
    if field == "client_id":
        return f"wrong-type-{n}"
    return "x" if str in types else 1


def _snapshot():
    """Row counts of the apps' tables and the state of every message, room and read marker."""
    from django.apps import apps

    from community.discussions.models import Message, ReadState, Room

    counts = tuple(
        model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"discussions", "moderation", "projects", "community"}
        and not model._meta.proxy
    )
    messages = tuple(
        Message.objects.order_by("pk").values_list(
            "body", "deleted_at", "hidden_at", "pinned_at", "pending_at"
        )
    )
    rooms = tuple(Room.objects.order_by("pk").values_list("last_seq", "is_locked"))
    reads = tuple(ReadState.objects.order_by("pk").values_list("user_id", "last_read_seq"))
    return counts, messages, rooms, reads


class Lost(Exception):
    """The socket gave no answer or closed: the cell failed, the next cell needs a new socket."""


async def _answer(ws, frame):
    """The frames the socket sends before the pong of a ping sent right after `frame`."""
    await send(ws, frame)
    await send(ws, {"type": "ping"})
    frames = []
    while True:
        try:
            output = await ws.receive_output(timeout=3)
        except TimeoutError:
            raise Lost("no answer within 3 s (no pong after it either)") from None
        if output["type"] == "websocket.close":
            raise Lost(f"the socket was closed with code {output.get('code')}")
        got = json.loads(output["text"])
        if got["type"] == "pong":
            return frames
        if got["type"] not in ("presence", "typing"):
            frames.append(got)


@pytest.mark.parametrize("kind", KINDS)
async def test_each_wrong_typed_field_is_refused_as_invalid_and_writes_nothing(settings, kind):
    from django.core.cache import cache

    cache.clear()
    settings.DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE = 100_000  # each cell is judged on its own
    settings.DISCUSSIONS_MAX_FRAMES_PER_WINDOW = 100_000
    settings.DISCUSSIONS_POSTS_PER_MINUTE = 100_000
    user, values = await db(_world)()
    schema = protocol.FRAME_FIELDS[kind]
    before = await db(_snapshot)()
    wrong, cells, ws = [], 0, None
    for n, (field, (types, required, _max)) in enumerate(schema.items()):
        for type_name, value in _wrong_values(types, required, values.get(field, 1)).items():
            cells += 1
            cell = f"{kind}.{field}={type_name}"
            frame = {"type": kind}
            for name, (other_types, other_required, _) in schema.items():
                if other_required and name != field:
                    frame[name] = _valid(name, other_types, f"{n}-{type_name}", values)
            frame[field] = value
            if ws is None:
                ws = await open_socket(user)
            try:
                frames = await _answer(ws, frame)
            except Lost as lost:
                wrong.append(f"{cell}: {lost}")
                ws = None  # the communicator is gone: a fresh socket for the next cell
                continue
            want = {"type": "error", "code": "invalid", "ref": field}
            if len(frames) != 1 or {k: frames[0].get(k) for k in want} != want:
                wrong.append(f"{cell}: expected one error 'invalid' naming {field!r}, got {frames}")
            after = await db(_snapshot)()
            if after != before:
                wrong.append(f"{cell}: the refused frame changed the database")
                before = after
    if ws is not None:
        await send(ws, {"type": "ping"})  # the socket still serves after every cell
        assert json.loads(await ws.receive_from(timeout=3))["type"] == "pong"
        await ws.disconnect()
    assert cells > 0
    assert wrong == [], f"{len(wrong)} of {cells} cells:\n" + "\n".join(wrong)
