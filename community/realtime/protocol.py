"""The WebSocket protocol at /ws/: frame validation and the registry of frame handlers.

Every frame is a JSON object with a `type`. Client → server frames and their
fields (anything else in a frame is ignored). The connection's own frames are
built in (the consumer handles them):

    subscribe   {room: int, since: int ≥ 0 (optional, default 0)}
    unsubscribe {room: int}
    typing      {room: int}
    ping        {}

The others are registered by the app they belong to, from its
`AppConfig.ready()`, with `register_frame_handler(type, handler, fields)`.
The discussions' (community/discussions/frame_handlers.py):

    post        {room: int, client_id: str (1–64), body: str, reply_to: int (optional)}
    edit        {message: int, body: str}
    delete      {message: int}
    react       {message: int, emoji: str (1–32)}
    read        {room: int, upto: int ≥ 0}

and moderation's `moderate` (community/moderation/frames.py). A registered
handler is a *sync* function `handler(*, user, frame) -> list[dict]` returning
the frames to send back to the socket; it raises `ActionError` for a refused
action. The consumer calls it through `database_sync_to_async`, on a user
object freed of what permission helpers cached (`identity.fresh`).

The rooms a socket subscribes to belong to one app, which registers their
checks with `register_room_owner(subscribe=, still_readable=)` (discussions:
its rooms of every kind, through its own room rules).

Server → client: every frame type and its fields are listed in one place,
community/realtime/frames.py (SERVER_FRAMES; a test holds the services, the
consumer and static/js/room.js to it): message, ack, edited, deleted, reaction,
hidden, restored, pinned, room_state, sanction, post_refused, typing,
presence {community, online: [{id, name}] (at most DISCUSSIONS_PRESENCE_LIST_MAX),
count}, read, notification, backlog {room, messages, complete, last_seq?},
moderated, error {code, detail, ref?}, pong. A complete backlog carries the room's `last_seq` when it was read:
seqs up to it that the client has not seen are messages it may not see (held
for review), not a gap to ask for again.

The client's `type` is looked up in `FRAME_FIELDS` and the registered handlers;
it is never used as a method or channel-layer handler name.

Error codes (the `error` frame): `invalid` (malformed JSON, not an object,
unknown type, missing or wrong-typed field), `too_long` (frame or body over
the limit), `not_found` (no such room/message, or one the user may not read:
both look the same), `forbidden`, `rate_limited`, `slow_mode`, `muted`,
`banned`, `locked`, `conflict` (same client_id resent with a different body),
`too_many_rooms` (a subscribe past DISCUSSIONS_MAX_ROOMS_PER_SOCKET rooms on one socket),
`unavailable` (a backend fault: the database or Redis did not answer; retryable,
the client keeps the post and resends it with the same client_id).
An error answering a `post` also carries that post's `client_id`.
Anonymous sockets may subscribe to public rooms read-only; anything else they
send gets `forbidden`. A resend of a post with the same client_id and body gets
the first `ack` again (with `duplicate: true`), never a second message.

Close codes the server uses:

    4008  policy violation: too many bad frames (settings.DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE
          within settings.DISCUSSIONS_BAD_FRAMES_WINDOW seconds). Bad frames are the
          ones the protocol refuses (malformed, unknown, wrong fields, oversize,
          flooding); a service refusing an action (e.g. `banned`) is not one.
    4401  the socket's sign-in ended: signed out (in this or another tab), account deleted or
          deactivated, password changed. The client reconnects; the new socket is whoever
          the cookie names now (anonymous after a sign-out) and the page should reload.
    1012  try again: the server could not re-check the socket's access (a backend away);
          reconnect, subscribe again with `since` and nothing is lost.
    1009  a frame over Daphne's message limit (1 MB): the close frame is sent before the
          connection ends.
    4009  the client stopped reading and its unsent frames passed WEBSOCKET_MAX_UNSENT_BYTES
          (config/daphne_ws.py): reconnect and catch up by `seq`; nothing is lost.
    4403  (never sent after accept) an origin the site does not serve is refused
          at the handshake (HTTP 403): the Origin's scheme, host and port must be the
          site's own (the request's Host, with the scheme the request came in on) or be
          listed in CSRF_TRUSTED_ORIGINS.

Access that changes while a socket is open (a community turned private, an
ambassador's region taken away, a membership ended, a sign-out, a deleted
account, a changed password) is re-checked at once: the service calls
`community.realtime.access_changed` (or `revoke_room`), and each affected
socket drops the rooms it may no longer read with a `forbidden` error frame.

Limits (settings, all configurable): DISCUSSIONS_MAX_FRAME_BYTES,
DISCUSSIONS_MAX_BODY, DISCUSSIONS_BACKLOG_LIMIT,
DISCUSSIONS_MAX_FRAMES_PER_WINDOW per DISCUSSIONS_FRAME_WINDOW seconds
(flooding with any frame), DISCUSSIONS_TYPING_INTERVAL (seconds between one
socket's typing broadcasts), DISCUSSIONS_PRESENCE_INTERVAL (presence changes in a
community are announced to its rooms at most once per interval; a subscribing
socket gets the list at once), DISCUSSIONS_PRESENCE_TTL (seconds a socket stays
online without a ping). Posts per minute per user are the service's rule.
"""

import json

from django.conf import settings
from django.utils.translation import gettext as _

from community.errors import ActionError
from community.realtime.events import encode_frame

CLOSE_POLICY = 4008
CLOSE_SESSION_ENDED = 4401
CLOSE_TRY_AGAIN = 1012

DEFAULTS = {
    "DISCUSSIONS_MAX_FRAME_BYTES": 16 * 1024,
    "DISCUSSIONS_MAX_BODY": 4000,
    "DISCUSSIONS_BACKLOG_LIMIT": 200,
    "DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE": 10,
    "DISCUSSIONS_BAD_FRAMES_WINDOW": 60,
    "DISCUSSIONS_MAX_FRAMES_PER_WINDOW": 60,
    "DISCUSSIONS_FRAME_WINDOW": 10,
    "DISCUSSIONS_TYPING_INTERVAL": 3,
    "DISCUSSIONS_PRESENCE_TTL": 75,
    "DISCUSSIONS_PRESENCE_INTERVAL": 3,
    "DISCUSSIONS_PRESENCE_LIST_MAX": 50,
    "DISCUSSIONS_MAX_ROOMS_PER_SOCKET": 50,  # a page follows one room
}


def limit(name):
    return getattr(settings, name, DEFAULTS[name])


# field name → (python types, required, max length for strings)
_INT = (int,)
_STR = (str,)
FRAME_FIELDS = {
    "subscribe": {"room": (_INT, True, None), "since": (_INT, False, None)},
    "unsubscribe": {"room": (_INT, True, None)},
    "typing": {"room": (_INT, True, None)},
    "ping": {},
}
# Frames an anonymous (read-only) socket may send.
ANONYMOUS_FRAMES = {"subscribe", "unsubscribe", "ping"}

# type → sync handler(*, user, frame) -> list[dict], added by the apps.
_registered_handlers = {}


def register_frame_handler(frame_type, handler, fields=None):
    """Let an app handle a client frame type: discussions' `post`, moderation's `moderate`.

    `fields` is an optional schema like FRAME_FIELDS' values, e.g.
    {"message": ((int,), True, None), "action": ((str,), True, 40)}; the frame
    is validated against it before the handler runs.
    """
    if frame_type in FRAME_FIELDS and frame_type not in _registered_handlers:
        raise ValueError(f"frame type {frame_type!r} is built in")
    _registered_handlers[frame_type] = handler
    FRAME_FIELDS[frame_type] = dict(fields or {})


def registered_handler(frame_type):
    return _registered_handlers.get(frame_type)


class RoomOwner:
    """The app's checks of a room subscription, both sync (they read the database):

    - `subscribe(user, room_id, since) -> (community id or None, backlog frame)` checks that
      the user may read the room (raising `ActionError`: a room they may not know of answers
      `not_found`) and reads the messages after `since`;
    - `still_readable(user, room_ids) -> set` is the subset they may still read, after
      `community.realtime.access_changed`.
    """

    def __init__(self, subscribe, still_readable):
        self.subscribe = subscribe
        self.still_readable = still_readable


_room_owner = None


def register_room_owner(*, subscribe, still_readable):
    """Name the checks of the rooms sockets subscribe to (one owner: discussions' rooms)."""
    global _room_owner
    _room_owner = RoomOwner(subscribe, still_readable)


def room_owner():
    if _room_owner is None:
        raise RuntimeError("no app registered the rooms sockets subscribe to")
    return _room_owner


def parse_frame(text, bytes_data=None):
    """Decode and validate one client frame; return the cleaned frame dict.

    Raises ActionError(code, detail, ref) for anything the client must be told.
    """
    if text is None:
        raise ActionError("invalid", _("Frames must be JSON text, not binary."))
    max_bytes = limit("DISCUSSIONS_MAX_FRAME_BYTES")
    # len(text) ≤ bytes ≤ 4·len(text): skip the encode for the common short frame.
    if len(text) > max_bytes or (len(text) * 4 > max_bytes and len(text.encode()) > max_bytes):
        raise ActionError("too_long", _("This frame is too large."))
    try:
        frame = json.loads(text)
    except (ValueError, RecursionError):
        raise ActionError("invalid", _("This frame is not valid JSON.")) from None
    if not isinstance(frame, dict):
        raise ActionError("invalid", _("A frame must be a JSON object."))
    frame_type = frame.get("type")
    if not isinstance(frame_type, str) or frame_type not in FRAME_FIELDS:
        raise ActionError(
            "invalid",
            _("Unknown frame type."),
            ref=frame_type if isinstance(frame_type, str) else None,
        )
    cleaned = {"type": frame_type}
    for name, (types, required, max_len) in FRAME_FIELDS[frame_type].items():
        value = frame.get(name)
        if value is None:
            if required:
                raise ActionError(
                    "invalid", _("The field “%(field)s” is missing.") % {"field": name}, ref=name
                )
            continue
        # bool is an int in Python; JSON true is not a room id.
        if not isinstance(value, types) or isinstance(value, bool):
            raise ActionError(
                "invalid",
                _("The field “%(field)s” has the wrong type.") % {"field": name},
                ref=name,
            )
        if isinstance(value, int) and value < 0:
            raise ActionError(
                "invalid",
                _("The field “%(field)s” must not be negative.") % {"field": name},
                ref=name,
            )
        if isinstance(value, str) and max_len is not None and not (0 < len(value) <= max_len):
            raise ActionError(
                "invalid",
                _("The field “%(field)s” has the wrong length.") % {"field": name},
                ref=name,
            )
        cleaned[name] = value
    body = cleaned.get("body")
    if body is not None:
        if not body.strip():
            raise ActionError("invalid", _("The message is empty."), ref="body")
        if len(body) > limit("DISCUSSIONS_MAX_BODY"):
            raise ActionError(
                "too_long",
                _("The message is longer than %(limit)d characters.")
                % {"limit": limit("DISCUSSIONS_MAX_BODY")},
                ref="body",
            )
    return cleaned


def error_frame(code, detail, ref=None):
    frame = {"type": "error", "code": code, "detail": str(detail)}
    if ref is not None:
        frame["ref"] = ref
    return frame


def encode(frame):
    """One JSON text per frame (compact; ensure_ascii off: fewer bytes for az/ru text)."""
    return encode_frame(frame)
