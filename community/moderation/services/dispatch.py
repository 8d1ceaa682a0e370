"""One entry point for the HTTP action form and the WebSocket `moderate` frame."""

from django.utils.translation import gettext as _

from community.discussions.models import Room
from community.errors import ActionError
from community.moderation.services.members import (
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
)
from community.moderation.services.rooms import room_lock, room_slow_mode, room_unlock


def _room_community_id(room_id):
    community_id = Room.objects.filter(pk=room_id).values_list("community_id", flat=True).first()
    if community_id is None:
        raise ActionError("not_found", _("This room no longer exists."), ref=room_id)
    return community_id


def _member_community(fields):
    if fields.get("community") is not None:
        return fields["community"]
    if fields.get("room") is not None:
        return _room_community_id(fields["room"])
    raise ActionError(
        "invalid", _("Say in which community (or room) the member is sanctioned."), ref="community"
    )


def _require(fields, name):
    if fields.get(name) in (None, ""):
        raise ActionError(
            "invalid", _("The field “%(field)s” is missing.") % {"field": name}, ref=name
        )
    return fields[name]


MESSAGE_ACTIONS = {
    "hide": message_hide,
    "restore": message_restore,
    "delete": message_remove,
    "pin": message_pin,
    "unpin": message_unpin,
    "approve": held_post_approve,
    "refuse": held_post_refuse,
}
MEMBER_ACTIONS = {
    "warn": member_warn,
    "unmute": member_unmute,
    "ban": member_ban,
    "unban": member_unban,
}
ROOM_ACTIONS = {"lock": room_lock, "unlock": room_unlock}
ACTIONS = sorted(
    set(MESSAGE_ACTIONS) | set(MEMBER_ACTIONS) | set(ROOM_ACTIONS) | {"mute", "slow_mode"}
)


def moderate(
    *,
    actor,
    action,
    reason="",
    message=None,
    member=None,
    room=None,
    community=None,
    minutes=None,
    seconds=None,
):
    """Perform one moderation `action`; returns True when something changed, False when it was already so."""
    if not (actor and actor.is_authenticated and actor.is_active):
        raise ActionError("forbidden", _("Sign in to moderate."))
    fields = {"message": message, "member": member, "room": room, "community": community}
    if action in MESSAGE_ACTIONS:
        return MESSAGE_ACTIONS[action](
            actor=actor, message_id=_require(fields, "message"), reason=reason
        )
    if action in MEMBER_ACTIONS:
        user_id = _require(fields, "member")
        return MEMBER_ACTIONS[action](
            actor=actor, community_id=_member_community(fields), user_id=user_id, reason=reason
        )
    if action == "mute":
        user_id = _require(fields, "member")
        return member_mute(
            actor=actor,
            community_id=_member_community(fields),
            user_id=user_id,
            minutes=minutes,
            reason=reason,
        )
    if action in ROOM_ACTIONS:
        return ROOM_ACTIONS[action](actor=actor, room_id=_require(fields, "room"), reason=reason)
    if action == "slow_mode":
        return room_slow_mode(
            actor=actor, room_id=_require(fields, "room"), seconds=seconds, reason=reason
        )
    raise ActionError("invalid", _("Unknown moderation action."), ref="action")
