"""Moderating messages: hide, restore, delete, pin, and deciding held posts and held edits.

Discussions owns the Message rows: the deletion, the publishing and refusing of a held post
and of a held edit are its services; moderation checks, logs and tells the author.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community import realtime
from community.discussions.permissions import access_message
from community.discussions.services import (
    message_delete,
    message_edit_discard,
    message_edit_publish,
)
from community.discussions.services.marks import message_set_hidden, message_set_pinned
from community.discussions.services.messages import held_message_publish, held_message_refuse
from community.errors import ActionError
from community.moderation.models import Report
from community.moderation.services._common import (
    Action,
    _notify,
    _serialize,
    audit_record,
    clean_reason,
    message_label,
    removed_notice,
)
from community.moderation.services.reports import _resolve_reports_about


def _moderated_message(message_id, actor):
    """The message (row-locked) with its room, if `actor` moderates it (the access layer says
    not_found or forbidden otherwise). A held post that was deleted is gone for moderation too."""
    message = access_message(actor, message_id, need="moderate", lock=True)
    if message.deleted_at is not None and message.status != "published":
        raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
    return message


def _log_message(actor, action, message, reason, **extra):
    return audit_record(
        actor=actor,
        action=action,
        target_type="message",
        target_id=message.pk,
        target_label=message_label(message),
        community=message.room.community,
        reason=reason,
        subject_user_id=message.author_id,
        extra={"room": message.room_id, **extra},
    )


def message_hide(*, actor, message_id, reason):
    reason = clean_reason("hide", reason)
    with transaction.atomic():
        message = _moderated_message(message_id, actor)
        if message.deleted_at is not None:
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        if message.hidden_at is not None:
            return False
        message_set_hidden(message=message, hidden=True, by=actor, reason=reason)
        _log_message(actor, Action.HIDE, message, reason)
        frame = {
            "type": "hidden",
            "room": message.room_id,
            "message": _serialize(message),
            "notice": removed_notice(),
        }
        if message.status == "published":
            realtime.broadcast_room_frame(message.room_id, frame)
        if message.author_id:
            own = {**frame, "message": _serialize(message, viewer=message.author), "reason": reason}
            realtime.send_user_frame(message.author_id, own)
            _notify(
                message.author,
                "moderation",
                gettext_noop("A moderator hid your message in “%(room)s”"),
                params={"room": message.room.title, "reason": reason},
                body=gettext_noop("Reason: %(reason)s"),
                url=message.get_absolute_url(),
                actor=actor,
            )
    return True


def message_restore(*, actor, message_id, reason=""):
    reason = clean_reason("restore", reason)
    with transaction.atomic():
        message = _moderated_message(message_id, actor)
        if message.deleted_at is not None:
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        if message.hidden_at is None:
            return False
        message_set_hidden(message=message, hidden=False)
        _log_message(actor, Action.RESTORE, message, reason)
        if message.status == "published":
            realtime.broadcast_room_frame(
                message.room_id,
                {"type": "restored", "room": message.room_id, "message": _serialize(message)},
            )
    return True


def message_remove(*, actor, message_id, reason):
    """Delete a message as a moderator, with a reason: discussions' one deleter does it, and
    `record_message_removal` below logs it (once) and tells the author."""
    with transaction.atomic():
        message = _moderated_message(message_id, actor)
        if message.deleted_at is not None:
            return False
        if message.author_id == actor.pk:
            clean_reason("delete", reason)  # a moderator's own message: still a reason to log
        message_delete(user=actor, message_id=message.pk, reason=reason)
        if message.author_id == actor.pk:
            _log_message(actor, Action.DELETE, message, clean_reason("delete", reason))
    return True


def record_message_removal(sender, *, actor, message, reason, **kwargs):
    """`message_removing`'s receiver: a moderator deletes someone else's message (from the room
    or from here). Refuses without a reason; otherwise logs it and tells the author."""
    reason = clean_reason("delete", reason)
    _log_message(actor, Action.DELETE, message, reason)
    if message.author_id:
        _notify(
            message.author,
            "moderation",
            gettext_noop("A moderator removed your message in “%(room)s”"),
            params={"room": message.room.title, "reason": reason},
            body=gettext_noop("Reason: %(reason)s"),
            url=message.room.get_absolute_url(),
            actor=actor,
        )


def _set_pinned(actor, message_id, reason, pinned):
    reason = clean_reason("pin" if pinned else "unpin", reason)
    with transaction.atomic():
        message = _moderated_message(message_id, actor)
        if message.deleted_at is not None or message.status != "published":
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        if (message.pinned_at is not None) == pinned:
            return False
        message_set_pinned(message=message, pinned=pinned, by=actor)
        _log_message(actor, Action.PIN if pinned else Action.UNPIN, message, reason)
        realtime.broadcast_room_frame(
            message.room_id,
            {
                "type": "pinned",
                "room": message.room_id,
                "message": _serialize(message),
                "pinned": pinned,
            },
        )
    return True


def message_pin(*, actor, message_id, reason=""):
    return _set_pinned(actor, message_id, reason, True)


def message_unpin(*, actor, message_id, reason=""):
    return _set_pinned(actor, message_id, reason, False)


def held_post_approve(*, actor, message_id, reason=""):
    """Publish a held post: everyone in the room receives it as a new message."""
    reason = clean_reason("approve_post", reason)
    with transaction.atomic():
        message = _moderated_message(message_id, actor)
        if message.status == "published" and message.pending_at is not None:
            return _held_edit_approve(actor, message, reason)
        if message.status == "published":
            return False
        if message.deleted_at is not None:
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        held_message_publish(message)
        _resolve_reports_about(actor, message, Report.Status.ACTIONED, reason)
        _log_message(actor, Action.APPROVE_POST, message, reason, held_reason=message.held_reason)
        if message.author_id:
            _notify(
                message.author,
                "moderation",
                gettext_noop("Your post in “%(room)s” was approved"),
                params={"room": message.room.title},
                url=message.get_absolute_url(),
                actor=actor,
            )
    return True


def held_post_refuse(*, actor, message_id, reason):
    reason = clean_reason("refuse_post", reason)
    with transaction.atomic():
        message = _moderated_message(message_id, actor)
        if message.status == "published" and message.pending_at is not None:
            return _held_edit_refuse(actor, message, reason)
        if message.status == "rejected":
            return False
        if message.status != "held":
            raise ActionError(
                "conflict", _("This post is already published; hide or delete it instead.")
            )
        held_message_refuse(message, reason)
        _resolve_reports_about(actor, message, Report.Status.ACTIONED, reason)
        _log_message(actor, Action.REFUSE_POST, message, reason, held_reason=message.held_reason)
        if message.author_id:
            _notify(
                message.author,
                "moderation",
                gettext_noop("Your post in “%(room)s” was not published"),
                params={"room": message.room.title, "reason": reason},
                body=gettext_noop("Reason: %(reason)s"),
                url=message.room.get_absolute_url(),
                actor=actor,
            )
    return True


def _held_edit_approve(actor, message, reason):
    """A published message's held edit becomes its body; the room gets the usual `edited` frame."""
    if message.deleted_at is not None:
        raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
    held_reason = message.pending_reason
    message_edit_publish(message)
    _log_message(actor, Action.APPROVE_POST, message, reason, held_reason=held_reason, edit=True)
    if message.author_id:
        _notify(
            message.author,
            "moderation",
            gettext_noop("Your edit in “%(room)s” was approved"),
            params={"room": message.room.title},
            url=message.get_absolute_url(),
            actor=actor,
        )
    return True


def _held_edit_refuse(actor, message, reason):
    """A held edit is dropped: the published body stays, for everyone."""
    held_reason = message.pending_reason
    refused_body = message.pending_body
    message_edit_discard(message)
    _log_message(
        actor,
        Action.REFUSE_POST,
        message,
        reason,
        held_reason=held_reason,
        edit=True,
        refused_body=refused_body[:500],
    )
    if message.author_id:
        _notify(
            message.author,
            "moderation",
            gettext_noop("Your edit in “%(room)s” was not published"),
            params={"room": message.room.title, "reason": reason},
            body=gettext_noop("Reason: %(reason)s"),
            url=message.get_absolute_url(),
            actor=actor,
        )
    return True
