"""Reactions: a fixed set of emoji, toggled on and off."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from community.discussions.models import REACTION_EMOJI, Reaction
from community.discussions.permissions import access_message, post_refusal
from community.discussions.services._common import announce_message_frame
from community.errors import ActionError


def reaction_counts(message):
    counts = {}
    for reaction in message.reactions.all():
        counts[reaction.emoji] = counts.get(reaction.emoji, 0) + 1
    return {emoji: counts[emoji] for emoji in REACTION_EMOJI if emoji in counts}


def reaction_toggle(*, user, message_id, emoji):
    """Add the user's reaction, or take it back if already there: (message, added)."""
    if user is None or not user.is_authenticated:
        raise ActionError("forbidden", _("Sign in to react."))
    if emoji not in REACTION_EMOJI:
        raise ActionError("invalid", _("This reaction is not available."), ref=message_id)
    message = access_message(user, message_id)
    if message.deleted_at or message.hidden_at:
        raise ActionError("conflict", _("This message was removed."), ref=message.pk)
    refusal = post_refusal(user, message.room)
    if refusal is not None:
        raise refusal
    try:
        with transaction.atomic():
            deleted, _rows = Reaction.objects.filter(
                message=message, user=user, emoji=emoji
            ).delete()
            added = not deleted
            if added:
                Reaction.objects.create(message=message, user=user, emoji=emoji)
    except IntegrityError:  # a concurrent identical toggle: treat as added
        added = True
    reactions = list(Reaction.objects.filter(message=message))
    message._prefetched_objects_cache["reactions"] = reactions
    counts = reaction_counts(message)
    frame = {
        "type": "reaction",
        "room": message.room_id,
        "message": message.pk,
        "seq": message.seq,
        "emoji": emoji,
        "user": user.pk,
        "added": added,
        "reactions": counts,
    }
    with transaction.atomic():  # sends after commit (at once when no outer transaction)
        announce_message_frame(message, frame)
    return message, added
