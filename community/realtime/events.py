"""The one place that names channel-layer groups and sends events.

Groups are never wider than one resource: `room.<id>` for a room's sockets,
`user.<id>` for one person's sockets (notifications, sanctions). Events are
built at once and sent after the surrounding transaction commits, so nobody
hears of a row that might still roll back.
"""

import asyncio
import json

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction


def room_group(room_id):
    return f"room.{int(room_id)}"


def user_group(user_id):
    return f"user.{int(user_id)}"


PUBLISH_TIMEOUT = 2  # seconds: a publish never holds up the request or frame that caused it


async def _publish(layer, group, event):
    await asyncio.wait_for(layer.group_send(group, event), PUBLISH_TIMEOUT)


def send_event(group, event):
    layer = get_channel_layer()
    if layer is not None:
        async_to_sync(_publish)(layer, group, event)


def send_event_on_commit(group, event):
    """Send `event` (a dict with a `type` naming a consumer handler) to `group` after commit.

    The row is the record: if the channel layer fails or hangs (Redis away), the failure is
    logged and the write still succeeds (its ack goes out); the sockets catch up by `seq`.
    """
    payload = dict(event)
    transaction.on_commit(lambda: send_event(group, payload), robust=True)


def encode_frame(frame):
    """A frame's JSON text, encoded once for every socket that receives it."""
    return json.dumps(frame, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False)


def broadcast_room_frame(room_id, frame):
    """After commit, every socket subscribed to the room receives `frame` as is.

    The event carries the frame already encoded (`text`): a room of a thousand
    sockets costs one json.dumps, and the channel layer copies a string, not a
    nested dict, per socket. The consumer also accepts `frame` (a dict).
    """
    event = {"type": "room.frame", "room": int(room_id), "text": encode_frame(frame)}
    if frame.get("type") == "message" and isinstance(frame.get("message"), dict):
        seq = frame["message"].get("seq")
        if isinstance(seq, int):
            event["seq"] = seq  # lets each process's room hub deliver new messages in seq order
    send_event_on_commit(room_group(room_id), event)


async def publish_room_frame(layer, room_id, frame):
    """From the socket's own loop, at once: a hint that is no row (typing, presence) to every
    socket of the room. The same `room.frame` event as `broadcast_room_frame`, encoded once;
    there is no transaction to wait for."""
    await layer.group_send(
        room_group(room_id),
        {"type": "room.frame", "room": int(room_id), "text": encode_frame(frame)},
    )


def send_user_frame(user_id, frame, *, localized=None):
    """After commit, every open socket of that user receives `frame` as is.

    `localized` (language code → frame) carries the same frame written in other languages: each
    socket receives the one in its own language (the page it was opened from), `frame` otherwise.
    """
    event = {"type": "user.frame", "text": encode_frame(frame)}
    if localized:
        event["texts"] = {language: encode_frame(f) for language, f in localized.items()}
    send_event_on_commit(user_group(user_id), event)


def revoke_room(user_id, room_id, reason=""):
    """After commit, the user's sockets drop their subscription to the room at once.

    The shortcut of `access_changed` for a service that knows which room was lost (a ban, a
    member leaving a private community, a partner removed from a project): no re-check needed.
    """
    send_event_on_commit(
        user_group(user_id), {"type": "user.revoke", "room": int(room_id), "reason": str(reason)}
    )


def access_changed(*, users=(), rooms=(), signed_out_session=None):
    """After commit, open sockets re-check what they may still read: the one call for every
    change of access whose consequences the service does not spell out room by room.

    - `users` (ids): each open socket of these people re-reads its session first. A signed-out
      session, a deleted or deactivated account or a changed password ends it: the socket is
      closed with `CLOSE_SESSION_ENDED` (4401) and the client reconnects as whoever its cookie
      names now. Otherwise every room the socket is subscribed to is checked again.
    - `rooms` (ids): every socket subscribed to these rooms, signed in or not, checks that room
      again (a community turned private, a project closed).

    - `signed_out_session` (a session key, with `users`): only the sockets opened with that
      session end, at once (a sign-out: the user's other devices keep theirs).

    A room that fails its check is dropped with a `forbidden` error frame, exactly as
    `revoke_room` does; its events are held while the check runs, so nothing leaks meanwhile.
    """
    if rooms:
        # A room that visitors could read may have stopped being theirs: no stored page of it stays.
        from community import pagecache

        pagecache.invalidate_now_and_on_commit()
    event = {"type": "user.recheck"}
    if signed_out_session:
        event["session"] = str(signed_out_session)
    for user_id in {int(u) for u in users}:
        send_event_on_commit(user_group(user_id), event)
    for room_id in {int(r) for r in rooms}:
        send_event_on_commit(room_group(room_id), {"type": "room.recheck", "room": room_id})
