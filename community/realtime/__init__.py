"""The realtime package: everything between a committed row and every open socket.

- `events`: the one place that names channel-layer groups and sends events (the only
  `group_send`); its public functions are this package's API, re-exported here, so services
  write `from community import realtime; realtime.broadcast_room_frame(...)`.
- `protocol`: the client → server frames (validation, limits, error and close codes) and the
  registry other apps fill from `AppConfig.ready()`: `register_frame_handler` and
  `register_room_owner`.
- `frames`: the server → client frame schema.
- `consumers` (the one WebSocket consumer), `identity` (the socket's person and session),
  `hub` (one layer subscription per room per process), `presence` (who is online, who is
  typing), `channel_layers` (the embedded layer), `routing` (the /ws/ route).

Only `events` is imported here: the services that announce events never load the consumer.
"""

from community.realtime.events import (
    PUBLISH_TIMEOUT,
    access_changed,
    broadcast_room_frame,
    encode_frame,
    publish_room_frame,
    revoke_room,
    room_group,
    send_event,
    send_event_on_commit,
    send_user_frame,
    user_group,
)

__all__ = [
    "PUBLISH_TIMEOUT",
    "access_changed",
    "broadcast_room_frame",
    "encode_frame",
    "publish_room_frame",
    "revoke_room",
    "room_group",
    "send_event",
    "send_event_on_commit",
    "send_user_frame",
    "user_group",
]
