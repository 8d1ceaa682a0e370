"""The one place that names channel-layer groups and sends events.

Groups are never wider than one resource: `room.<id>` for a room's sockets,
`user.<id>` for one person's sockets (notifications, sanctions). Events are
built at once and sent after the surrounding transaction commits, so nobody
hears of a row that might still roll back.
"""

import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction


def room_group(room_id):
    return f"room.{int(room_id)}"


def user_group(user_id):
    return f"user.{int(user_id)}"


def send_event(group, event):
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(layer.group_send)(group, event)


def send_event_on_commit(group, event):
    """Send `event` (a dict with a `type` naming a consumer handler) to `group` after commit."""
    payload = dict(event)
    transaction.on_commit(lambda: send_event(group, payload))


def encode_frame(frame):
    """A frame's JSON text, encoded once for every socket that receives it."""
    return json.dumps(frame, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False)


def broadcast_room_frame(room_id, frame):
    """After commit, every socket subscribed to the room receives `frame` as is.

    The event carries the frame already encoded (`text`): a room of a thousand
    sockets costs one json.dumps, and the channel layer copies a string, not a
    nested dict, per socket. The consumer also accepts `frame` (a dict).
    """
    send_event_on_commit(
        room_group(room_id),
        {"type": "room.frame", "room": int(room_id), "text": encode_frame(frame)},
    )


def send_user_frame(user_id, frame):
    """After commit, every open socket of that user receives `frame` as is."""
    send_event_on_commit(user_group(user_id), {"type": "user.frame", "text": encode_frame(frame)})


def revoke_room(user_id, room_id, reason=""):
    """After commit, the user's sockets drop their subscription to the room at once."""
    send_event_on_commit(
        user_group(user_id), {"type": "user.revoke", "room": int(room_id), "reason": str(reason)}
    )
