"""Every moderation and verification action: one keyword-only function each.

Each action is transactional, permission-checked (the community's moderators,
its region's ambassadors, staff: `permissions.can_moderate_community`),
idempotent (doing it twice changes nothing and logs nothing the second time:
the function returns False), recorded exactly once in the append-only audit
log, and announced after commit through `community.realtime`.

A refused action raises `ActionError(code, detail)`; HTTP views show `detail`
and the WebSocket `moderate` frame returns it as an `error` frame.

The modules, by domain: `messages` (hide, restore, delete, pin, held posts and
edits), `members` (sanctions and join requests), `rooms` (lock, slow mode),
`reports`, `verification` (teachers), `staff` (ambassadors and community
moderators), `dispatch` (`moderate`: the one entry point for the HTTP action
form and the WebSocket `moderate` frame) and `_common` (the audit log, reasons,
notices). Callers import from this package, which re-exports them all.

Frames this app sends (server → client; every frame type and its fields are in
community/realtime/frames.py, checked by a test):

Room frames (to every socket subscribed to the room):
    hidden    {room, message: <serialized>, notice}      a moderator hid the message (body
                                                          emptied, hidden: true); clients show `notice`
    restored  {room, message: <serialized message>}      a hidden message is back
    deleted   {room, message: <serialized>}              same shape as discussions' deletion
    pinned    {room, message: <serialized>, pinned}      pinned (true) or unpinned (false)
    message   {room, message: <serialized message>}      a held post was approved (as for a new post)
    edited    {room, message: <serialized message>}      a held edit was approved (as for any edit)
    room_state {room, locked: bool, slow_mode_seconds}   lock / unlock / slow mode changed

User frames (to the affected member's own sockets):
    hidden     {room, message, notice, reason}           the author learns why (the message
                                                          serialized for them, with hidden_reason)
    sanction   {action: warn|mute|unmute|ban|unban, community: id, community_name,
                reason, until: ISO datetime | null, seconds_left: int | null}
    post_refused {room, message: id, reason}             a held post was refused
    edited     {room, message}                           the author's held edit was refused: the
                                                          message as published (no edit_pending)
    (plus the `notification` frames notification_create pushes)
"""

from community.moderation.services._common import (
    MAX_REASON,
    REASON_REQUIRED,
    Action,
    audit_record,
    clean_reason,
    message_label,
    removed_notice,
)
from community.moderation.services.dispatch import (
    ACTIONS,
    MEMBER_ACTIONS,
    MESSAGE_ACTIONS,
    ROOM_ACTIONS,
    moderate,
)
from community.moderation.services.members import (
    clean_minutes,
    join_request_decide,
    member_auto_mute_for_flooding,
    member_ban,
    member_mute,
    member_unban,
    member_unmute,
    member_warn,
)
from community.moderation.services.messages import (
    held_post_approve,
    held_post_refuse,
    message_hide,
    message_pin,
    message_remove,
    message_restore,
    message_unpin,
    record_message_removal,
)
from community.moderation.services.reports import (
    community_or_none,
    describe_target,
    report_create,
    report_resolve,
    reportable_object,
)
from community.moderation.services.rooms import (
    MAX_SLOW_MODE_SECONDS,
    clean_seconds,
    room_lock,
    room_slow_mode,
    room_unlock,
)
from community.moderation.services.staff import (
    ambassador_assign_region,
    ambassador_unassign_region,
    moderator_assign_community,
    moderator_unassign_community,
)
from community.moderation.services.verification import (
    teacher_refuse,
    teacher_request_verification,
    teacher_verify,
)

__all__ = [
    "ACTIONS",
    "MAX_REASON",
    "MAX_SLOW_MODE_SECONDS",
    "MEMBER_ACTIONS",
    "MESSAGE_ACTIONS",
    "REASON_REQUIRED",
    "ROOM_ACTIONS",
    "Action",
    "ambassador_assign_region",
    "ambassador_unassign_region",
    "audit_record",
    "clean_minutes",
    "clean_reason",
    "clean_seconds",
    "community_or_none",
    "describe_target",
    "held_post_approve",
    "held_post_refuse",
    "join_request_decide",
    "member_auto_mute_for_flooding",
    "member_ban",
    "member_mute",
    "member_unban",
    "member_unmute",
    "member_warn",
    "message_hide",
    "message_label",
    "message_pin",
    "message_remove",
    "message_restore",
    "message_unpin",
    "moderate",
    "moderator_assign_community",
    "moderator_unassign_community",
    "record_message_removal",
    "removed_notice",
    "report_create",
    "report_resolve",
    "reportable_object",
    "room_lock",
    "room_slow_mode",
    "room_unlock",
    "teacher_refuse",
    "teacher_request_verification",
    "teacher_verify",
]
