"""Discussion services: every write (communities, memberships, messages, reactions, read markers, notifications).

The consumer and the HTTP views call these; the keyword-only signatures are the contract.
"""

from community.discussions.services.communities import (
    community_create,
    community_update,
    room_create,
    room_update,
)
from community.discussions.services.direct import (
    conversation_accept,
    conversation_decline,
    conversation_start,
    user_block,
    user_unblock,
)
from community.discussions.services.memberships import (
    membership_invite,
    membership_invite_accept,
    membership_invite_decline,
    membership_join,
    membership_leave,
    membership_request_decide,
    membership_set_role,
)
from community.discussions.services.messages import (
    message_announce_change,
    message_delete,
    message_edit,
    message_edit_discard,
    message_edit_publish,
    message_post,
    notify_message,
)
from community.discussions.services.notifications import notification_create
from community.discussions.services.reactions import reaction_toggle
from community.discussions.services.reads import read_mark

__all__ = [
    "community_create",
    "community_update",
    "conversation_accept",
    "conversation_decline",
    "conversation_start",
    "user_block",
    "user_unblock",
    "room_create",
    "room_update",
    "membership_invite",
    "membership_invite_accept",
    "membership_invite_decline",
    "membership_join",
    "membership_leave",
    "membership_request_decide",
    "membership_set_role",
    "message_announce_change",
    "message_delete",
    "message_edit",
    "message_edit_discard",
    "message_edit_publish",
    "message_post",
    "notify_message",
    "notification_create",
    "reaction_toggle",
    "read_mark",
]
