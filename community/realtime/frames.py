"""Server → client frames: every type the server sends on /ws/, and its fields, in one place.

Client → server frames are described (and validated) in protocol.py. This
module is the other direction: `SERVER_FRAMES` maps each frame type to its
fields, `MESSAGE_FIELDS` describes the serialized message that several frames
carry (community.discussions.serializers.serialize_message). A test captures
the frames every service sends and checks them against this schema, and that
static/js/room.js handles each type.

A field spec is (python types, required). `MESSAGE` stands for a serialized
message, `None` in the types means the field may be null.

Frames, who receives them and why:

    message      room (or the author and the moderators for a held post): a new message
    ack          the posting socket: its `post` was stored (duplicate: a resend)
    edited       room: the author changed a message (edited_at set)
    deleted      room: the author or a moderator removed a message
    reaction     room: someone added or took back a reaction; `reactions` is the new count
    hidden       room (and the author, with `reason`): a moderator hid a message
    restored     room: a moderator restored a hidden message
    pinned       room: a message was pinned or unpinned (`pinned`)
    room_state   room: locked / slow mode changed
    sanction     the sanctioned user: warn, mute, unmute, ban, unban (`until` for a mute)
    post_refused the author: a moderator refused a held post
    read         the reader's other sockets: the room is read up to `upto`
    typing       room: someone is typing
    presence     a community's rooms: who is online
    notification the recipient: a new notification
    backlog      the subscribing socket: the messages after `since`
    moderated    the moderating socket: a `moderate` frame was carried out
    error        the socket: a frame or an action was refused
    pong         the socket: the answer to `ping`
"""

MESSAGE = "message"
_INT = (int,)
_STR = (str,)
_BOOL = (bool,)
_DICT = (dict,)
_LIST = (list,)
_OPT_STR = (str, type(None))
_OPT_INT = (int, type(None))

# The JSON of one message (serializers.serialize_message). `author` belongs to the
# profile/identity work and is only required to be an object or null here.
MESSAGE_FIELDS = {
    "id": (_INT, True),
    "room": (_INT, True),
    "seq": (_INT, True),
    "author": ((dict, type(None)), True),
    "body_html": (_STR, True),
    "reply_to": (_OPT_INT, True),
    "created_at": (_STR, True),
    "edited_at": (_OPT_STR, True),
    "deleted": (_BOOL, True),
    "hidden": (_BOOL, True),
    "pinned": (_BOOL, True),
    "status": (_STR, True),
    "reactions": (_DICT, True),
    "attachments": (_LIST, True),
    "client_id": (_STR, False),
    "my_reactions": (_LIST, False),
    "hidden_reason": (_STR, False),
    "edit_pending": (_BOOL, False),
}

SERVER_FRAMES = {
    "message": {"room": (_INT, True), "message": (MESSAGE, True)},
    "ack": {
        "client_id": (_STR, True),
        "message": (MESSAGE, True),
        "duplicate": (_BOOL, False),
    },
    "edited": {"room": (_INT, True), "message": (MESSAGE, True)},
    "deleted": {"room": (_INT, True), "message": (MESSAGE, True)},
    "reaction": {
        "room": (_INT, True),
        "message": (_INT, True),
        "seq": (_INT, True),
        "emoji": (_STR, True),
        "user": (_INT, True),
        "added": (_BOOL, True),
        "reactions": (_DICT, True),
    },
    "hidden": {
        "room": (_INT, True),
        "message": (MESSAGE, True),
        "notice": (_STR, True),
        "reason": (_STR, False),
    },
    "restored": {"room": (_INT, True), "message": (MESSAGE, True)},
    "pinned": {"room": (_INT, True), "message": (MESSAGE, True), "pinned": (_BOOL, True)},
    "room_state": {
        "room": (_INT, True),
        "locked": (_BOOL, True),
        "slow_mode_seconds": (_INT, True),
    },
    "sanction": {
        "action": (_STR, True),
        "community": (_INT, True),
        "community_name": (_STR, True),
        "reason": (_STR, True),
        "until": (_OPT_STR, True),
        "seconds_left": (_OPT_INT, True),
    },
    "post_refused": {
        "room": (_INT, True),
        "message": (_INT, True),
        "reason": (_STR, True),
    },
    "read": {"room": (_INT, True), "upto": (_INT, True), "unread": (_INT, True)},
    "typing": {"room": (_INT, True), "user": (_DICT, True), "typing": (_LIST, False)},
    "presence": {"community": (_INT, True), "online": (_LIST, True), "count": (_INT, True)},
    "notification": {"notification": (_DICT, True)},
    "backlog": {
        "room": (_INT, True),
        "messages": (_LIST, True),
        "complete": (_BOOL, True),
        "last_seq": (_INT, False),
    },
    "moderated": {
        "action": (_STR, True),
        "changed": (_BOOL, True),
        "detail": (_STR, True),
    },
    "error": {
        "code": (_STR, True),
        "detail": (_STR, True),
        "ref": ((str, int), False),
        "client_id": (_STR, False),
    },
    "pong": {},
}

SANCTION_ACTIONS = {"warn", "mute", "unmute", "ban", "unban"}
MESSAGE_STATUSES = {"published", "held", "rejected"}


def _check_fields(fields, data, where):
    problems = []
    if not isinstance(data, dict):
        return [f"{where}: not an object"]
    for name, (types, required) in fields.items():
        if name not in data:
            if required:
                problems.append(f"{where}: missing {name!r}")
            continue
        value = data[name]
        if types == MESSAGE:
            problems += message_problems(value, f"{where}.{name}")
        elif isinstance(value, bool) and bool not in types:
            problems.append(f"{where}: {name!r} is a bool")
        elif not isinstance(value, types):
            problems.append(f"{where}: {name!r} is {type(value).__name__}")
    for name in data:
        if name not in fields and name != "type":
            problems.append(f"{where}: unexpected field {name!r}")
    return problems


def message_problems(data, where="message"):
    problems = _check_fields(MESSAGE_FIELDS, data, where)
    if not problems and data["status"] not in MESSAGE_STATUSES:
        problems.append(f"{where}: unknown status {data['status']!r}")
    return problems


def frame_problems(frame):
    """What is wrong with a server frame compared with the schema ([] when it matches)."""
    if not isinstance(frame, dict) or not isinstance(frame.get("type"), str):
        return ["not a frame"]
    kind = frame["type"]
    if kind not in SERVER_FRAMES:
        return [f"unknown frame type {kind!r}"]
    problems = _check_fields(SERVER_FRAMES[kind], frame, kind)
    if kind == "backlog" and not problems:
        for index, message in enumerate(frame["messages"]):
            problems += message_problems(message, f"backlog.messages[{index}]")
    if kind == "sanction" and not problems and frame["action"] not in SANCTION_ACTIONS:
        problems.append(f"sanction: unknown action {frame['action']!r}")
    return problems
