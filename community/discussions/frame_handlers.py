"""The socket's database side: what each client frame does, and a subscription's checks.

The consumer (consumers.py) calls these through database_sync_to_async, never touching the
ORM itself. No rule lives here either: reading and posting go through permissions.py and
the discussion services, exactly as the HTTP views do; selectors load what the frames need.
Each client frame handler takes (user, frame) and returns the frames to send back.
"""

from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user
from django.utils.translation import gettext as _

from community.discussions import presence, services
from community.discussions.models import Room
from community.discussions.permissions import access_room, can_read_room
from community.discussions.protocol import limit
from community.discussions.selectors import messages_since
from community.discussions.serializers import serialize_message
from community.errors import ActionError
from community.models import Profile


def load_person(user):
    profile = (
        Profile.objects.filter(user_id=user.pk).only("display_name", "interface_language").first()
    )
    name = (
        (profile.display_name if profile else "")
        or user.get_full_name()
        or user.email.split("@")[0]
    )
    presence.touch_last_seen(user.pk)
    return {"id": user.pk, "name": name, "language": profile.interface_language if profile else ""}


def fresh(user):
    """Forget what permission helpers cached on the user object: a socket lives for hours."""
    if user is not None and hasattr(user, "__dict__"):
        for key in [
            key
            for key in user.__dict__
            if key.startswith("_tc_") or key == "_ambassador_region_ids"
        ]:
            del user.__dict__[key]
    return user


def still_readable(user, room_ids):
    """The subset of `room_ids` that `user` may still read (access may have changed since)."""
    fresh(user)
    rooms = Room.objects.select_related("community").filter(pk__in=room_ids)
    return {room.pk for room in rooms if can_read_room(user, room)}


def session_user(session_key, user):
    """The user this socket's session names now, re-read from the session store and the database.

    None when the session was signed out or flushed, the account deleted or deactivated, or the
    password changed (Django's session hash no longer matches); otherwise a fresh user object.
    """
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    current = get_user(SimpleNamespace(session=store))
    if not current.is_authenticated or current.pk != user.pk:
        return None
    return current


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


def post(user, frame):
    room = access_room(fresh(user), frame["room"])
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


def edit(user, frame):
    fresh(user)
    services.message_edit(user=user, message_id=frame["message"], body=frame["body"])
    return []


def delete(user, frame):
    fresh(user)
    services.message_delete(user=user, message_id=frame["message"])
    return []


def react(user, frame):
    fresh(user)
    services.reaction_toggle(user=user, message_id=frame["message"], emoji=frame["emoji"])
    return []


def read(user, frame):
    fresh(user)
    services.read_mark(user=user, room_id=frame["room"], upto=frame["upto"])
    return []


SERVICE_FRAMES = {"post": post, "edit": edit, "delete": delete, "react": react, "read": read}


def call_registered(handler, user, frame):
    """A frame type another app registered (protocol.register_frame_handler), such as `moderate`."""
    return handler(user=fresh(user), frame=frame)
