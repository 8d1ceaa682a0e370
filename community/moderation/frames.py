"""The WebSocket `moderate` frame: the same services as the HTTP action form.

Client → server:
    moderate {action: hide|restore|delete|pin|unpin|approve|refuse|warn|mute|unmute|ban|unban|
                      lock|unlock|slow_mode,
              message?: int, member?: int (user id), community?: int, room?: int,
              reason?: str (required for hide, delete, refuse, warn, mute, ban, lock, slow_mode),
              minutes?: int (mute), seconds?: int (slow_mode)}
    For member actions the community is `community`, or the community of `room`.

Server → client (to the moderating socket):
    moderated {action, changed: bool, detail}   `changed` is false when it was already so
    error {code, detail, ref?}                  refused (forbidden, not_found, invalid, ...)
Everyone concerned receives the room and user frames listed in services/__init__.py.
"""

from django.utils.translation import gettext as _

from community.moderation import services
from community.realtime.protocol import register_frame_handler

_INT = (int,)
_STR = (str,)
FIELDS = {
    "action": (_STR, True, 20),
    "message": (_INT, False, None),
    "member": (_INT, False, None),
    "community": (_INT, False, None),
    "room": (_INT, False, None),
    "reason": (_STR, False, services.MAX_REASON),
    "minutes": (_INT, False, None),
    "seconds": (_INT, False, None),
}


def handle_moderate(*, user, frame):
    action = frame["action"]
    changed = services.moderate(
        actor=user,
        action=action,
        reason=frame.get("reason", ""),
        message=frame.get("message"),
        member=frame.get("member"),
        community=frame.get("community"),
        room=frame.get("room"),
        minutes=frame.get("minutes"),
        seconds=frame.get("seconds"),
    )
    detail = _("Done.") if changed else _("Nothing to change: it was already so.")
    return [{"type": "moderated", "action": action, "changed": changed, "detail": detail}]


def register():
    register_frame_handler("moderate", handle_moderate, FIELDS)
