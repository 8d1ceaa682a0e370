"""Moderating rooms: lock, unlock, slow mode."""

from django.db import transaction
from django.utils.translation import gettext as _

from community import realtime
from community.discussions.permissions import access_room
from community.discussions.services.communities import room_set_state
from community.errors import ActionError
from community.moderation.services._common import Action, audit_record, clean_reason


def _room_state_frame(room):
    return {
        "type": "room_state",
        "room": room.pk,
        "locked": room.is_locked,
        "slow_mode_seconds": room.slow_mode_seconds,
    }


def _log_room(actor, action, room, reason, **extra):
    return audit_record(
        actor=actor,
        action=action,
        target_type="room",
        target_id=room.pk,
        target_label=room.title,
        community=room.community if room.community_id else None,
        reason=reason,
        extra=extra,
    )


def _set_locked(actor, room_id, reason, locked):
    reason = clean_reason("lock" if locked else "unlock", reason)
    with transaction.atomic():
        room = access_room(actor, room_id, need="moderate", lock=True)
        if room.is_locked == locked:
            return False
        room_set_state(room=room, locked=locked)
        _log_room(actor, Action.LOCK if locked else Action.UNLOCK, room, reason)
        realtime.broadcast_room_frame(room.pk, _room_state_frame(room))
    return True


def room_lock(*, actor, room_id, reason):
    return _set_locked(actor, room_id, reason, True)


def room_unlock(*, actor, room_id, reason=""):
    return _set_locked(actor, room_id, reason, False)


MAX_SLOW_MODE_SECONDS = 6 * 60 * 60


def clean_seconds(seconds):
    if seconds in (None, ""):
        raise ActionError(
            "invalid", _("Say how many seconds a member must wait between posts."), ref="seconds"
        )
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        raise ActionError(
            "invalid", _("Slow mode must be a whole number of seconds."), ref="seconds"
        ) from None
    if seconds < 0 or seconds > MAX_SLOW_MODE_SECONDS:
        raise ActionError(
            "invalid",
            _("Slow mode must be between 0 and %(max)d seconds.") % {"max": MAX_SLOW_MODE_SECONDS},
            ref="seconds",
        )
    return seconds


def room_slow_mode(*, actor, room_id, seconds, reason):
    seconds = clean_seconds(seconds)
    reason = clean_reason("slow_mode", reason)
    with transaction.atomic():
        room = access_room(actor, room_id, need="moderate", lock=True)
        if room.slow_mode_seconds == seconds:
            return False
        previous = room.slow_mode_seconds
        room_set_state(room=room, slow_mode_seconds=seconds)
        _log_room(actor, Action.SLOW_MODE, room, reason, seconds=seconds, previous=previous)
        realtime.broadcast_room_frame(room.pk, _room_state_frame(room))
    return True
