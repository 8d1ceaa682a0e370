"""Moderating rooms: lock, unlock, slow mode."""

from django.db import transaction
from django.utils.translation import gettext as _

from community import realtime
from community.discussions.models import Room
from community.discussions.permissions import can_read_room
from community.errors import ActionError
from community.moderation.permissions import can_moderate_room
from community.moderation.services._common import Action, _forbidden, audit_record, clean_reason


def _locked_room(room_id, actor):
    try:
        room_id = int(room_id)
    except (TypeError, ValueError):
        raise ActionError("not_found", _("This room no longer exists."), ref=room_id) from None
    room = (
        Room.objects.select_for_update(of=("self",))
        .select_related("community")
        .filter(pk=room_id)
        .first()
    )
    if room is None:
        raise ActionError("not_found", _("This room no longer exists."), ref=room_id)
    if not can_moderate_room(actor, room):
        if not can_read_room(actor, room):  # a private room stays invisible
            raise ActionError("not_found", _("This room no longer exists."), ref=room_id)
        raise _forbidden()
    return room


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
        room = _locked_room(room_id, actor)
        if room.is_locked == locked:
            return False
        room.is_locked = locked
        room.save(update_fields=["is_locked"])
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
        room = _locked_room(room_id, actor)
        if room.slow_mode_seconds == seconds:
            return False
        previous = room.slow_mode_seconds
        room.slow_mode_seconds = seconds
        room.save(update_fields=["slow_mode_seconds"])
        _log_room(actor, Action.SLOW_MODE, room, reason, seconds=seconds, previous=previous)
        realtime.broadcast_room_frame(room.pk, _room_state_frame(room))
    return True
