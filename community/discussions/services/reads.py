"""Read markers: the highest seq a member has read in a room (never goes back)."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community.discussions.models import ReadState, Room
from community.discussions.permissions import can_read_room
from community.errors import ActionError
from community.realtime import send_user_frame


def read_mark(*, user, room_id, upto):
    """Mark the room read up to `upto` for `user`; returns the stored last_read_seq.

    The user's other tabs hear of it (a `read` frame to their own group) so their unread counts follow.
    """
    if user is None or not user.is_authenticated:
        raise ActionError("forbidden", _("Sign in first."))
    try:
        upto = int(upto)
        room_id = int(room_id)
    except (TypeError, ValueError):
        raise ActionError(
            "invalid", _("A read marker needs a room and a message number.")
        ) from None
    if upto < 0:
        raise ActionError("invalid", _("A read marker needs a room and a message number."))
    room = Room.objects.select_related("community").filter(pk=room_id).first()
    if room is None or not can_read_room(user, room):
        raise ActionError("not_found", _("This room does not exist or is private."), ref=room_id)
    upto = min(upto, room.last_seq)
    with transaction.atomic():
        try:
            with transaction.atomic():
                state, created = ReadState.objects.get_or_create(
                    room=room, user=user, defaults={"last_read_seq": upto}
                )
        except IntegrityError:
            state, created = ReadState.objects.get(room=room, user=user), False
        if not created:
            if ReadState.objects.filter(pk=state.pk, last_read_seq__lt=upto).update(
                last_read_seq=upto
            ):
                state.last_read_seq = upto
            else:
                state.refresh_from_db(fields=["last_read_seq"])
                return state.last_read_seq
        from community.discussions.selectors import unread_counts

        send_user_frame(
            user.pk,
            {
                "type": "read",
                "room": room.pk,
                "upto": state.last_read_seq,
                "unread": unread_counts(user, [room]).get(room.pk, 0),
            },
        )
    return state.last_read_seq
