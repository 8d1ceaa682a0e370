"""What a moderator sets on a message besides its text: hidden (with the reason) and pinned.

Moderation decides these (it checks who may, logs them, tells the room and the author); the
row is written here, inside the caller's transaction, with the caller's lock on `message`.
"""

from django.utils import timezone


def message_set_hidden(*, message, hidden, by=None, reason=""):
    """Hidden by `by` for `reason`, or shown again."""
    message.hidden_at = timezone.now() if hidden else None
    message.hidden_by = by if hidden else None
    message.hidden_reason = reason if hidden else ""
    message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return message


def message_set_pinned(*, message, pinned, by=None):
    """Pinned by `by` at the top of its room, or unpinned."""
    message.pinned_at = timezone.now() if pinned else None
    message.pinned_by = by if pinned else None
    message.save(update_fields=["pinned_at", "pinned_by"])
    return message
