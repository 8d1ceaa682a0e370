"""The discussions' side of the socket: what each of their client frames does, and a
subscription's checks.

The realtime package's consumer (community/realtime/consumers.py) is the connection; it
knows none of this. `register()`, called from `DiscussionsConfig.ready()`, hands these
functions to its registry: the frame types `post`, `edit`, `delete`, `react` and `read`
with their fields (`register_frame_handler`, as moderation registers `moderate`), and the
rooms' subscription and re-check (`register_room_owner`). The consumer calls them through
database_sync_to_async. No rule lives here either: reading and posting go through
permissions.py and the discussion services, exactly as the HTTP views do; selectors load
what the frames need. Each frame handler takes (*, user, frame), the user already fresh, and
returns the frames to send back.
"""

from django.utils.translation import gettext as _

from community.discussions import services
from community.discussions.models import Room
from community.discussions.permissions import access_room, can_read_room
from community.discussions.selectors import messages_since
from community.discussions.serializers import serialize_message
from community.errors import ActionError
from community.realtime.identity import fresh
from community.realtime.protocol import limit, register_frame_handler, register_room_owner


def still_readable(user, room_ids):
    """The subset of `room_ids` that `user` may still read (access may have changed since)."""
    fresh(user)
    rooms = Room.objects.select_related("community").filter(pk__in=room_ids)
    return {room.pk for room in rooms if can_read_room(user, room)}


def subscribe(user, room_id, since):
    """Check and read the backlog: one trip to the database thread. Returns (community id, backlog)."""
    room = access_room(fresh(user), room_id)  # a private room answers like a missing one
    return getattr(room, "community_id", None), backlog(user, room, since)


def backlog(user, room, since):
    fresh(user)
    # Read last_seq first: every seq up to it is either in this backlog or invisible to the viewer.
    last_seq = Room.objects.filter(pk=room.pk).values_list("last_seq", flat=True).first() or 0
    messages, complete = messages_since(
        room, viewer=user, since_seq=since, limit=limit("DISCUSSIONS_BACKLOG_LIMIT")
    )
    frame = {
        "type": "backlog",
        "room": room.pk,
        "messages": [serialize_message(message, viewer=user) for message in messages],
        "complete": complete,
    }
    if complete:
        frame["last_seq"] = max([last_seq, *(m.seq for m in messages)])
    return frame


def post(*, user, frame):
    room = access_room(user, frame["room"])
    message, created = services.message_post(
        user=user,
        room=room,
        body=frame["body"],
        client_id=frame["client_id"],
        reply_to_id=frame.get("reply_to"),
    )
    ack = {
        "type": "ack",
        "client_id": frame["client_id"],
        "message": serialize_message(message, viewer=user),
    }
    if not created:
        stored_body = getattr(message, "body", frame["body"])
        if stored_body != frame["body"] and not getattr(message, "is_deleted", False):
            raise ActionError(
                "conflict",
                _("This client_id was already used for a different message."),
                ref=frame["client_id"],
            )
        ack["duplicate"] = True
    return [ack]


def edit(*, user, frame):
    services.message_edit(user=user, message_id=frame["message"], body=frame["body"])
    return []


def delete(*, user, frame):
    services.message_delete(user=user, message_id=frame["message"])
    return []


def react(*, user, frame):
    services.reaction_toggle(user=user, message_id=frame["message"], emoji=frame["emoji"])
    return []


def read(*, user, frame):
    services.read_mark(user=user, room_id=frame["room"], upto=frame["upto"])
    return []


# field name → (python types, required, max length for strings), as protocol.FRAME_FIELDS
_INT = (int,)
_STR = (str,)
FIELDS = {
    "post": {
        "room": (_INT, True, None),
        "client_id": (_STR, True, 64),
        "body": (_STR, True, None),
        "reply_to": (_INT, False, None),
    },
    "edit": {"message": (_INT, True, None), "body": (_STR, True, None)},
    "delete": {"message": (_INT, True, None)},
    "react": {"message": (_INT, True, None), "emoji": (_STR, True, 32)},
    "read": {"room": (_INT, True, None), "upto": (_INT, True, None)},
}
HANDLERS = {"post": post, "edit": edit, "delete": delete, "react": react, "read": read}


def register():
    """Called from DiscussionsConfig.ready(): the discussions' frames and rooms on the socket."""
    for frame_type, handler in HANDLERS.items():
        register_frame_handler(frame_type, handler, FIELDS[frame_type])
    register_room_owner(subscribe=subscribe, still_readable=still_readable)
