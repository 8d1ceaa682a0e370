"""Every moderation and verification action: one keyword-only function each.

Each action is transactional, permission-checked (the community's moderators,
its region's ambassadors, staff: `permissions.can_moderate_community`),
idempotent (doing it twice changes nothing and logs nothing the second time:
the function returns False), recorded exactly once in the append-only audit
log, and announced after commit through `community.realtime`.

A refused action raises `ActionError(code, detail)`; HTTP views show `detail`
and the WebSocket `moderate` frame returns it as an `error` frame.

Frames this app sends (server → client; every frame type and its fields are in
community/discussions/frames.py, checked by a test):

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

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community import realtime
from community.errors import ActionError
from community.moderation.models import AuditLogEntry, Report
from community.moderation.permissions import can_moderate_community, can_report
from community.permissions import can_verify_teacher, is_staff

Action = AuditLogEntry.Action

# Actions whose reason may not be left empty (the others accept an optional one).
REASON_REQUIRED = {
    "hide",
    "delete",
    "warn",
    "mute",
    "ban",
    "lock",
    "slow_mode",
    "refuse_post",
    "refuse_join",
    "refuse_teacher",
}
MAX_REASON = 500


# --- helpers ---------------------------------------------------------------------------


def _user_label(user):
    if user is None:
        return _("the platform")
    return f"{user.display_name} <{user.email}>"


def audit_record(
    *,
    actor,
    action,
    target_type,
    target_id=None,
    target_label="",
    community=None,
    region_id=None,
    reason="",
    subject_user_id=None,
    extra=None,
):
    """Append one entry to the audit log (inside the caller's transaction)."""
    if community is not None and region_id is None:
        region_id = community.region_id
    return AuditLogEntry.objects.create(
        actor=actor,
        actor_label=_user_label(actor)[:200],
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=str(target_label)[:300],
        subject_user_id=subject_user_id,
        community_id=community.pk if community is not None else None,
        community_label=community.name[:200] if community is not None else "",
        region_id=region_id,
        reason=reason,
        extra=extra or {},
    )


def clean_reason(action, reason):
    reason = " ".join((reason or "").split())
    if action in REASON_REQUIRED and not reason:
        raise ActionError("invalid", _("Give a reason for this action."), ref="reason")
    if len(reason) > MAX_REASON:
        raise ActionError(
            "too_long",
            _("The reason is longer than %(limit)d characters.") % {"limit": MAX_REASON},
            ref="reason",
        )
    return reason


def _forbidden():
    return ActionError("forbidden", _("You do not moderate this community."))


def _notify(recipient, kind, title, *, params=None, body="", text="", url="", actor=None):
    """A notification: `title` and `body` are gettext_noop templates filled with `params`,
    `text` the moderator's or teacher's own words (see discussions' notification_create)."""
    from community.discussions.services.notifications import notification_create

    return notification_create(
        recipient=recipient, kind=kind, title=title, params=params, body=body, text=text,
        url=url, actor=actor,
    )


def _message_excerpt(message, length=80):
    text = " ".join((message.body or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _serialize(message, viewer=None):
    from community.discussions.serializers import serialize_message

    return serialize_message(message, viewer=viewer)


def removed_notice():
    return _("Removed by a moderator")


# --- messages ----------------------------------------------------------------------------


def _locked_message(message_id, actor):
    """The message (row-locked), its room and community; not_found when gone, forbidden when not moderated."""
    from community.discussions.models import Message

    try:
        message_id = int(message_id)
    except (TypeError, ValueError):
        raise ActionError(
            "not_found", _("This message no longer exists."), ref=message_id
        ) from None
    message = (
        Message.objects.select_for_update(of=("self",))
        .select_related("room__community", "author")
        .filter(pk=message_id)
        .first()
    )
    if message is None or (message.deleted_at is not None and message.status != "published"):
        raise ActionError("not_found", _("This message no longer exists."), ref=message_id)
    from community.discussions.permissions import can_read_room
    from community.moderation.permissions import can_moderate_room

    if not can_moderate_room(actor, message.room):
        if not can_read_room(actor, message.room):  # a private room's message stays invisible
            raise ActionError("not_found", _("This message no longer exists."), ref=message_id)
        raise _forbidden()
    return message


def _message_label(message):
    return f"#{message.seq} {_message_excerpt(message, 60)}"


def _log_message(actor, action, message, reason, **extra):
    return audit_record(
        actor=actor,
        action=action,
        target_type="message",
        target_id=message.pk,
        target_label=_message_label(message),
        community=message.room.community,
        reason=reason,
        subject_user_id=message.author_id,
        extra={"room": message.room_id, **extra},
    )


def message_hide(*, actor, message_id, reason):
    reason = clean_reason("hide", reason)
    with transaction.atomic():
        message = _locked_message(message_id, actor)
        if message.deleted_at is not None:
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        if message.hidden_at is not None:
            return False
        message.hidden_at = timezone.now()
        message.hidden_by = actor
        message.hidden_reason = reason
        message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
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
        message = _locked_message(message_id, actor)
        if message.deleted_at is not None:
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        if message.hidden_at is None:
            return False
        message.hidden_at = None
        message.hidden_by = None
        message.hidden_reason = ""
        message.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
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
    from community.discussions.services import message_delete

    with transaction.atomic():
        message = _locked_message(message_id, actor)
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
        message = _locked_message(message_id, actor)
        if message.deleted_at is not None or message.status != "published":
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        if (message.pinned_at is not None) == pinned:
            return False
        message.pinned_at = timezone.now() if pinned else None
        message.pinned_by = actor if pinned else None
        message.save(update_fields=["pinned_at", "pinned_by"])
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
        message = _locked_message(message_id, actor)
        if message.status == "published" and message.pending_at is not None:
            return _held_edit_approve(actor, message, reason)
        if message.status == "published":
            return False
        if message.deleted_at is not None:
            raise ActionError("not_found", _("This message no longer exists."), ref=message.pk)
        from community.discussions.services.messages import held_message_publish

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
        message = _locked_message(message_id, actor)
        if message.status == "published" and message.pending_at is not None:
            return _held_edit_refuse(actor, message, reason)
        if message.status == "rejected":
            return False
        if message.status != "held":
            raise ActionError(
                "conflict", _("This post is already published; hide or delete it instead.")
            )
        from community.discussions.services.messages import held_message_refuse

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
    from community.discussions.services import message_edit_publish

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
    from community.discussions.services import message_edit_discard

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


# --- members -------------------------------------------------------------------------------


def _community_for(community_id, actor):
    from community.discussions.models import Community

    try:
        community_id = int(community_id)
    except (TypeError, ValueError):
        raise ActionError(
            "not_found", _("This community no longer exists."), ref=community_id
        ) from None
    community = Community.objects.filter(pk=community_id).first()
    if community is None:
        raise ActionError("not_found", _("This community no longer exists."), ref=community_id)
    if not can_moderate_community(actor, community):
        raise _forbidden()
    return community


def _member_for(community, user_id, actor, *, create=False):
    """The member's Membership (row-locked); refuses sanctions on oneself and on fellow moderators."""
    from community.discussions.models import Membership
    from community.models import User

    try:
        user_id = int(user_id)
    except (TypeError, ValueError):
        raise ActionError("not_found", _("This member no longer exists."), ref=user_id) from None
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(community=community, user_id=user_id)
        .first()
    )
    if membership is None:
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if user is None or not create:
            raise ActionError(
                "not_found", _("This person is not a member of the community."), ref=user_id
            )
        membership = Membership(community=community, user=user, state=Membership.State.ACTIVE)
    if membership.user_id == actor.pk:
        raise ActionError("forbidden", _("You cannot sanction yourself."))
    if (
        membership.role in ("moderator", "owner")
        and membership.state == "active"
        and not is_staff(actor)
    ):
        raise ActionError(
            "forbidden", _("Moderators of this community can only be sanctioned by staff.")
        )
    if is_staff(membership.user) and not is_staff(actor):
        raise ActionError("forbidden", _("Staff members cannot be sanctioned here."))
    return membership


def _forget(user):
    from community.discussions.permissions import forget_memberships

    forget_memberships(user)


def _log_member(actor, action, membership, reason, **extra):
    return audit_record(
        actor=actor,
        action=action,
        target_type="user",
        target_id=membership.user_id,
        target_label=membership.user.display_name,
        community=membership.community,
        reason=reason,
        subject_user_id=membership.user_id,
        extra=extra,
    )


def _sanction_frame(action, membership, reason, until=None):
    seconds_left = int((until - timezone.now()).total_seconds()) if until else None
    return {
        "type": "sanction",
        "action": action,
        "community": membership.community_id,
        "community_name": membership.community.name,
        "reason": reason,
        "until": until.isoformat() if until else None,
        "seconds_left": seconds_left,
    }


def member_warn(*, actor, community_id, user_id, reason):
    reason = clean_reason("warn", reason)
    with transaction.atomic():
        community = _community_for(community_id, actor)
        membership = _member_for(community, user_id, actor)
        recent = AuditLogEntry.objects.filter(
            action=Action.WARN,
            community_id=community.pk,
            subject_user_id=membership.user_id,
            reason=reason,
            created_at__gte=timezone.now() - timedelta(minutes=10),
        )
        if recent.exists():
            return False  # the same warning was just given: a resent form changes nothing
        _log_member(actor, Action.WARN, membership, reason)
        realtime.send_user_frame(membership.user_id, _sanction_frame("warn", membership, reason))
        _notify(
            membership.user,
            "moderation",
            gettext_noop("A moderator of “%(community)s” warned you"),
            params={"community": community.name},
            text=reason,
            url=community.get_absolute_url(),
            actor=actor,
        )
    return True


def clean_minutes(minutes):
    if minutes in (None, ""):
        raise ActionError(
            "invalid", _("Say for how many minutes the member is muted."), ref="minutes"
        )
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        raise ActionError(
            "invalid", _("The duration must be a whole number of minutes."), ref="minutes"
        ) from None
    if minutes <= 0:
        raise ActionError("invalid", _("The duration must be at least one minute."), ref="minutes")
    if minutes > settings.MODERATION_MAX_MUTE_MINUTES:
        raise ActionError(
            "invalid",
            _("A mute lasts at most %(days)d days; ban the member instead.")
            % {"days": settings.MODERATION_MAX_MUTE_MINUTES // (60 * 24)},
            ref="minutes",
        )
    return minutes


def _apply_mute(actor, membership, minutes, reason, action):
    until = timezone.now() + timedelta(minutes=minutes)
    if membership.muted_until is not None and membership.muted_until >= until - timedelta(
        seconds=60
    ):
        return False  # already muted at least as long: nothing changes
    membership.muted_until = until
    membership.save(update_fields=["muted_until"])
    _forget(membership.user)
    _log_member(actor, action, membership, reason, minutes=minutes, until=until.isoformat())
    realtime.send_user_frame(membership.user_id, _sanction_frame("mute", membership, reason, until))
    _notify(
        membership.user,
        "moderation",
        gettext_noop("You are muted in “%(community)s” for %(minutes)d minutes"),
        params={"community": membership.community.name, "minutes": minutes},
        text=reason,
        url=membership.community.get_absolute_url(),
        actor=actor,
    )
    return True


def member_mute(*, actor, community_id, user_id, minutes, reason):
    minutes = clean_minutes(minutes)
    reason = clean_reason("mute", reason)
    with transaction.atomic():
        community = _community_for(community_id, actor)
        membership = _member_for(community, user_id, actor)
        if membership.state != "active":
            raise ActionError("conflict", _("Only active members can be muted."))
        return _apply_mute(actor, membership, minutes, reason, Action.MUTE)


def member_unmute(*, actor, community_id, user_id, reason=""):
    reason = clean_reason("unmute", reason)
    with transaction.atomic():
        community = _community_for(community_id, actor)
        membership = _member_for(community, user_id, actor)
        if not membership.muted_now():
            return False
        membership.muted_until = None
        membership.save(update_fields=["muted_until"])
        _forget(membership.user)
        _log_member(actor, Action.UNMUTE, membership, reason)
        realtime.send_user_frame(membership.user_id, _sanction_frame("unmute", membership, reason))
    return True


def member_auto_mute_for_flooding(*, user, room):
    """Called by the trust rules: mute a flooding member, file a queue item, refuse the post."""
    from community.discussions.models import Membership

    minutes = settings.MODERATION_FLOOD_MUTE_MINUTES
    community = room.community if room.community_id else None
    detail = _("You are posting too fast: you are muted for %(minutes)d minutes.") % {
        "minutes": minutes
    }
    if community is None:
        raise ActionError("rate_limited", _("You are posting too fast. Wait a moment."))
    reason = _("Automatic: more than %(posts)d posts in %(seconds)d seconds.") % {
        "posts": settings.MODERATION_FLOOD_POSTS,
        "seconds": settings.MODERATION_FLOOD_SECONDS,
    }
    # The post that triggered this is refused, and the caller's transaction rolls back;
    # the mute and its queue item must survive that, so they commit on their own.
    with transaction.atomic(durable=not transaction.get_connection().in_atomic_block):
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("user", "community")
            .filter(community=community, user=user, state="active")
            .first()
        )
        if membership is not None and _apply_mute(
            None, membership, minutes, reason, Action.AUTO_MUTE
        ):
            Report.objects.update_or_create(
                reporter=None,
                content_type=ContentType.objects.get_for_model(type(user)),
                object_id=user.pk,
                status=Report.Status.OPEN,
                defaults={
                    "reason": Report.Reason.FLOODING,
                    "details": reason,
                    "target_label": user.display_name[:300],
                    "target_url": reverse("teacher_profile", args=[user.pk]),
                    "subject_user": user,
                    "community_id": community.pk,
                    "region_id": community.region_id,
                },
            )
    from community.moderation.trust import reset_flood_count

    reset_flood_count(user.pk)
    raise ActionError("muted", detail)


def member_ban(*, actor, community_id, user_id, reason):
    """Ban from a community: removed from its rooms and from their sockets at once."""
    reason = clean_reason("ban", reason)
    with transaction.atomic():
        community = _community_for(community_id, actor)
        membership = _member_for(community, user_id, actor, create=True)
        if membership.state == "banned":
            return False
        membership.state = "banned"
        membership.ban_reason = reason
        membership.role = "member"
        membership.muted_until = None
        membership.save()
        _forget(membership.user)
        _log_member(actor, Action.BAN, membership, reason)
        for room_id in community.rooms.values_list("pk", flat=True):
            realtime.revoke_room(membership.user_id, room_id, reason)
        realtime.send_user_frame(membership.user_id, _sanction_frame("ban", membership, reason))
        _notify(
            membership.user,
            "moderation",
            gettext_noop("You have been banned from “%(community)s”"),
            params={"community": community.name},
            text=reason,
            actor=actor,
        )
    return True


def member_unban(*, actor, community_id, user_id, reason=""):
    """Lift a ban: the person is no longer a member and may join (or ask to join) again."""
    reason = clean_reason("unban", reason)
    with transaction.atomic():
        community = _community_for(community_id, actor)
        membership = _member_for(community, user_id, actor)
        if membership.state != "banned":
            return False
        _log_member(actor, Action.UNBAN, membership, reason)
        membership.delete()
        _forget(membership.user)
        realtime.send_user_frame(membership.user_id, _sanction_frame("unban", membership, reason))
        _notify(
            membership.user,
            "moderation",
            gettext_noop("Your ban from “%(community)s” was lifted"),
            params={"community": community.name},
            text=reason,
            url=community.get_absolute_url(),
            actor=actor,
        )
    return True


# --- rooms ---------------------------------------------------------------------------------


def _locked_room(room_id, actor):
    from community.discussions.models import Room
    from community.moderation.permissions import can_moderate_room

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
        from community.discussions.permissions import can_read_room

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


# --- join requests ------------------------------------------------------------------------


def join_request_decide(*, actor, membership_id, approve, reason=""):
    """Approve or refuse a request to join a private community (discussions' service does the work)."""
    from community.discussions.models import Membership

    reason = clean_reason("approve_join" if approve else "refuse_join", reason)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("community", "user")
            .filter(pk=membership_id)
            .first()
        )
        if membership is None:
            raise ActionError("not_found", _("This request no longer exists."), ref=membership_id)
        if not can_moderate_community(actor, membership.community):
            raise _forbidden()
        if membership.state != "pending":
            return False
        community, user = membership.community, membership.user
        from community.discussions.services import membership_request_decide

        membership_request_decide(actor=actor, membership_id=membership.pk, approve=approve)
        audit_record(
            actor=actor,
            action=Action.APPROVE_JOIN if approve else Action.REFUSE_JOIN,
            target_type="user",
            target_id=user.pk,
            target_label=user.display_name,
            community=community,
            reason=reason,
            subject_user_id=user.pk,
        )
    return True


# --- reports ----------------------------------------------------------------------------------


def _describe_target(obj, reporter=None):
    """(label, url, subject_user, community, region_id) for any reportable object.

    A message of a direct conversation goes to the ambassadors of the reporter's region: they
    see that message and the few around it on the report's page, never the conversation.
    """
    from community.discussions.models import Community, Message
    from community.models import Profile, User

    if isinstance(obj, Message):
        if obj.room.kind == "direct":
            region_id = (
                Profile.objects.filter(user=reporter).values_list("school__region_id", flat=True).first()
                if reporter is not None
                else None
            )
            return _message_label(obj), "", obj.author, None, region_id
        community = obj.room.community if obj.room.community_id else None
        return (
            _message_label(obj),
            obj.get_absolute_url(),
            obj.author,
            community,
            community.region_id if community else None,
        )
    if isinstance(obj, Community):
        return obj.name, obj.get_absolute_url(), obj.created_by, obj, obj.region_id
    if isinstance(obj, (Profile, User)):
        user = obj.user if isinstance(obj, Profile) else obj
        region_id = (
            Profile.objects.filter(user=user).values_list("school__region_id", flat=True).first()
        )
        return user.display_name, reverse("teacher_profile", args=[user.pk]), user, None, region_id
    # Things other apps own (projects...): whatever they expose.
    url = obj.get_absolute_url() if hasattr(obj, "get_absolute_url") else ""
    subject = (
        getattr(obj, "created_by", None)
        or getattr(obj, "owner", None)
        or getattr(obj, "coordinator", None)
    )
    from community.models import User as UserModel

    if not isinstance(subject, UserModel):
        subject = None
    region_id = getattr(obj, "region_id", None)
    return str(obj), url, subject, None, region_id


def reportable_object(content_type, object_id, viewer):
    """The object a report would be about, if it exists and `viewer` may see it; else ActionError."""
    model = content_type.model_class()
    obj = None
    if model is not None:
        try:
            obj = model._default_manager.filter(pk=int(object_id)).first()
        except (TypeError, ValueError):
            obj = None
    if obj is None:
        raise ActionError("not_found", _("There is nothing to report here."))
    from community.discussions.models import Community, Message
    from community.discussions.permissions import can_read_room, can_see_message, can_view_community
    from community.models import Profile, User

    visible = True
    if isinstance(obj, Message):
        visible = (
            obj.deleted_at is None
            and can_read_room(viewer, obj.room)
            and can_see_message(viewer, obj)
        )
    elif isinstance(obj, Community):
        visible = can_view_community(viewer, obj)
    elif isinstance(obj, (Profile, User)):
        user = obj.user if isinstance(obj, Profile) else obj
        visible = user.is_active
    else:
        # Only models that opt in can be reported, and only by those who may see them:
        # another app's model defines `reportable_by(user) -> bool` (projects do).
        # Anything else (notifications, audit entries, sessions...) is not reportable.
        check = getattr(obj, "reportable_by", None)
        visible = bool(callable(check) and check(viewer))
    if not visible:
        raise ActionError("not_found", _("There is nothing to report here."))
    return obj


def report_create(*, reporter, content_type, object_id, reason, details=""):
    if not can_report(reporter):
        raise ActionError("forbidden", _("Sign in with a confirmed account to report something."))
    if reason not in Report.Reason.values or reason == Report.Reason.FLOODING:
        raise ActionError("invalid", _("Choose a reason from the list."), ref="reason")
    details = (details or "").strip()
    if reason == Report.Reason.OTHER and not details:
        raise ActionError("invalid", _("Tell the moderators what is wrong."), ref="details")
    if len(details) > 2000:
        raise ActionError("too_long", _("Keep the details under 2000 characters."), ref="details")
    obj = reportable_object(content_type, object_id, reporter)
    label, url, subject, community, region_id = _describe_target(obj, reporter)
    if subject is not None and subject.pk == reporter.pk:
        raise ActionError("invalid", _("You cannot report your own contribution."))
    if Report.objects.filter(
        reporter=reporter, content_type=content_type, object_id=obj.pk
    ).exists():
        raise ActionError(
            "conflict", _("You have already reported this. The moderators will look at it.")
        )
    try:
        with transaction.atomic():
            report = Report.objects.create(
                reporter=reporter,
                content_type=content_type,
                object_id=obj.pk,
                target_label=label[:300],
                target_url=url[:500],
                subject_user=subject,
                community_id=community.pk if community else None,
                region_id=region_id,
                reason=reason,
                details=details,
            )
    except IntegrityError:
        raise ActionError(
            "conflict", _("You have already reported this. The moderators will look at it.")
        ) from None
    return report


def _resolve_reports_about(actor, obj, status, note):
    """Close the open reports about `obj` after an action on it; tell each reporter."""
    content_type = ContentType.objects.get_for_model(type(obj))
    reports = list(
        Report.objects.select_for_update(of=("self",))
        .select_related("reporter")
        .filter(content_type=content_type, object_id=obj.pk, status=Report.Status.OPEN)
    )
    now = timezone.now()
    for report in reports:
        report.status = status
        report.resolution_note = note
        report.handled_by = actor
        report.handled_at = now
        report.save(update_fields=["status", "resolution_note", "handled_by", "handled_at"])
        _tell_reporter(report, actor)
    return reports


def _tell_reporter(report, actor):
    if report.reporter is None:
        return
    if report.status == Report.Status.ACTIONED:
        title = gettext_noop("Thank you: moderators acted on your report about “%(item)s”")
    else:
        title = gettext_noop("Moderators looked at your report about “%(item)s” and took no action")
    _notify(
        report.reporter,
        "report",
        title,
        params={"item": report.target_label},
        text=report.resolution_note,
        url=reverse("moderation:my_reports"),
    )


def report_resolve(*, actor, report_id, status, note=""):
    """Close a report as actioned or dismissed; the reporter is told."""
    from community.moderation.permissions import can_handle_report

    if status not in (Report.Status.ACTIONED, Report.Status.DISMISSED):
        raise ActionError("invalid", _("Choose what became of the report."), ref="status")
    note = " ".join((note or "").split())
    if status == Report.Status.DISMISSED and not note:
        raise ActionError("invalid", _("Say why the report is dismissed."), ref="note")
    with transaction.atomic():
        report = Report.objects.select_for_update(of=("self",)).filter(pk=report_id).first()
        if report is None:
            raise ActionError("not_found", _("This report no longer exists."), ref=report_id)
        if not can_handle_report(actor, report):
            raise _forbidden()
        if report.status != Report.Status.OPEN:
            return False
        report.status = status
        report.resolution_note = note
        report.handled_by = actor
        report.handled_at = timezone.now()
        report.save(update_fields=["status", "resolution_note", "handled_by", "handled_at"])
        audit_record(
            actor=actor,
            action=Action.RESOLVE_REPORT
            if status == Report.Status.ACTIONED
            else Action.DISMISS_REPORT,
            target_type="report",
            target_id=report.pk,
            target_label=f"{report.get_reason_display()}: {report.target_label}",
            community=_community_or_none(report.community_id),
            region_id=report.region_id,
            reason=note,
            subject_user_id=report.subject_user_id,
        )
        report.reporter = report.reporter  # loaded for the notice
        _tell_reporter(report, actor)
    return True


def _community_or_none(community_id):
    if community_id is None:
        return None
    from community.discussions.models import Community

    return Community.objects.filter(pk=community_id).first()


# --- teacher verification ------------------------------------------------------------------


def _teacher_for(actor, teacher_id):
    from community.models import User

    teacher = (
        User.objects.select_for_update(of=("self",))
        .select_related("profile__school__region")
        .filter(pk=teacher_id, is_active=True)
        .first()
    )
    if teacher is None:
        raise ActionError(
            "not_found", _("This teacher's account no longer exists."), ref=teacher_id
        )
    if not can_verify_teacher(actor, teacher):
        raise ActionError(
            "forbidden", _("Only the ambassadors of the teacher's region can verify them.")
        )
    return teacher


def _school_region_id(teacher):
    school = getattr(getattr(teacher, "profile", None), "school", None)
    return school.region_id if school else None


def teacher_verify(*, actor, teacher_id, reason=""):
    reason = clean_reason("verify_teacher", reason)
    with transaction.atomic():
        teacher = _teacher_for(actor, teacher_id)
        if teacher.verified_at is not None:
            return False
        if not teacher.email_confirmed:
            raise ActionError(
                "conflict", _("This teacher has not confirmed their e-mail address yet.")
            )
        teacher.verified_at = timezone.now()
        teacher.verified_by = actor
        teacher.save(update_fields=["verified_at", "verified_by"])
        audit_record(
            actor=actor,
            action=Action.VERIFY_TEACHER,
            target_type="user",
            target_id=teacher.pk,
            target_label=teacher.display_name,
            region_id=_school_region_id(teacher),
            reason=reason,
            subject_user_id=teacher.pk,
        )
        _notify(
            teacher,
            "verification",
            gettext_noop("Your school is confirmed: you are a verified teacher"),
            body=gettext_noop("You can now post in communities, create projects and invite colleagues."),
            url=reverse("teacher_profile", args=[teacher.pk]),
            actor=actor,
        )
    return True


def teacher_refuse(*, actor, teacher_id, reason):
    reason = clean_reason("refuse_teacher", reason)
    with transaction.atomic():
        teacher = _teacher_for(actor, teacher_id)
        if teacher.verified_at is not None:
            raise ActionError("conflict", _("This teacher is already verified."))
        # The same refusal again changes nothing, unless the teacher asked again since.
        refusals = AuditLogEntry.objects.filter(
            action=Action.REFUSE_TEACHER, target_type="user", target_id=teacher.pk, reason=reason
        )
        asked = (
            AuditLogEntry.objects.filter(
                action=Action.REQUEST_VERIFICATION, target_type="user", target_id=teacher.pk
            )
            .order_by("-created_at", "-id")
            .first()
        )
        if asked is not None:
            refusals = refusals.filter(created_at__gt=asked.created_at)
        if refusals.exists():
            return False
        audit_record(
            actor=actor,
            action=Action.REFUSE_TEACHER,
            target_type="user",
            target_id=teacher.pk,
            target_label=teacher.display_name,
            region_id=_school_region_id(teacher),
            reason=reason,
            subject_user_id=teacher.pk,
        )
        _notify(
            teacher,
            "verification",
            gettext_noop("Your school could not be confirmed yet"),
            text=reason,
            url=reverse("profile_edit"),
            actor=actor,
        )
    return True


def teacher_request_verification(*, teacher):
    """A refused teacher asks again: back in their region's pending queue, its ambassadors told.

    Allowed once MODERATION_VERIFICATION_RETRY_HOURS have passed since the
    refusal (selectors.verification_state says where things stand). Refused
    with an ActionError, and nothing changed, while that time runs, when the
    teacher is already waiting or verified, or has no school any more.
    """
    from community.models import Ambassadorship, User
    from community.moderation.selectors import verification_state

    with transaction.atomic():
        teacher = (
            User.objects.select_for_update(of=("self",))
            .select_related("profile__school")
            .filter(pk=teacher.pk, is_active=True, email_confirmed=True)
            .first()
        )
        if teacher is None:
            raise ActionError("forbidden", _("Sign in with a confirmed e-mail address first."))
        state = verification_state(teacher)
        if state.status == "verified":
            raise ActionError("conflict", _("You are already a verified teacher."))
        if state.status == "pending":
            raise ActionError(
                "conflict",
                _("Your verification is already waiting for an ambassador of your region."),
            )
        if not state.can_ask_again:
            when = formats.date_format(timezone.localtime(state.retry_at), "DATETIME_FORMAT")
            raise ActionError(
                "rate_limited",
                _("From %(when)s on, you can ask for verification again.") % {"when": when},
            )
        region_id = _school_region_id(teacher)
        if region_id is None:
            raise ActionError(
                "invalid",
                _(
                    "Choose your school in your profile first: an ambassador of its region confirms it."
                ),
            )
        audit_record(
            actor=teacher,
            action=Action.REQUEST_VERIFICATION,
            target_type="user",
            target_id=teacher.pk,
            target_label=teacher.display_name,
            region_id=region_id,
            subject_user_id=teacher.pk,
            extra={"refusal": state.refusal.pk},
        )
        ambassadors = User.objects.filter(
            is_active=True,
            pk__in=Ambassadorship.objects.filter(region_id=region_id).values("user_id"),
        )
        if not ambassadors.exists():  # a region without ambassadors: staff verify its teachers
            ambassadors = User.objects.filter(is_active=True, is_staff=True)
        for ambassador in ambassadors.select_related("profile"):
            with _in_language_of(ambassador):
                _notify(
                    ambassador,
                    "verification",
                    gettext_noop("%(name)s asks again to be verified"),
                    params={"name": teacher.display_name, "reason": state.refusal.reason},
                    body=gettext_noop("Refused before: %(reason)s"),
                    url=reverse("moderation:verification"),
                    actor=teacher,
                )
    return True


def _in_language_of(user):
    profile = getattr(user, "profile", None)
    return translation.override(
        getattr(profile, "interface_language", None) or translation.get_language()
    )


# --- ambassadors and community moderators (staff) ---------------------------------------------


def _require_staff(actor):
    if not is_staff(actor):
        raise ActionError("forbidden", _("Only staff can assign ambassadors and moderators."))


def _active_user(user_id):
    from community.models import User

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise ActionError("not_found", _("This person's account no longer exists."), ref=user_id)
    return user


def ambassador_assign_region(*, actor, user_id, region_id, reason=""):
    from community.models import Ambassadorship, Region

    _require_staff(actor)
    with transaction.atomic():
        user = _active_user(user_id)
        region = Region.objects.filter(pk=region_id).select_related("country").first()
        if region is None:
            raise ActionError("not_found", _("This region no longer exists."), ref=region_id)
        _ambassadorship, created = Ambassadorship.objects.get_or_create(user=user, region=region)
        if not created:
            return False
        audit_record(
            actor=actor,
            action=Action.ASSIGN_REGION,
            target_type="user",
            target_id=user.pk,
            target_label=user.display_name,
            region_id=region.pk,
            reason=reason,
            subject_user_id=user.pk,
            extra={"region": region.full_name_in("en")},
        )
        _notify(
            user,
            "ambassador",
            gettext_noop("You are now an ambassador of %(region)s"),
            params={"region": {"ref": "community.region", "pk": region.pk, "name": str(region)}},
            url=reverse("moderation:console"),
            actor=actor,
        )
    return True


def ambassador_unassign_region(*, actor, user_id, region_id, reason=""):
    from community.models import Ambassadorship

    _require_staff(actor)
    with transaction.atomic():
        ambassadorship = (
            Ambassadorship.objects.select_related("user", "region__country")
            .filter(user_id=user_id, region_id=region_id)
            .first()
        )
        if ambassadorship is None:
            return False
        user, region = ambassadorship.user, ambassadorship.region
        ambassadorship.delete()  # their open sockets check their rooms again (community.signals)
        audit_record(
            actor=actor,
            action=Action.UNASSIGN_REGION,
            target_type="user",
            target_id=user.pk,
            target_label=user.display_name,
            region_id=region.pk,
            reason=reason,
            subject_user_id=user.pk,
            extra={"region": region.full_name_in("en")},
        )
    return True


def moderator_assign_community(*, actor, user_id, community_id, reason=""):
    from community.discussions.models import Community, Membership

    _require_staff(actor)
    with transaction.atomic():
        user = _active_user(user_id)
        community = Community.objects.filter(pk=community_id).first()
        if community is None:
            raise ActionError("not_found", _("This community no longer exists."), ref=community_id)
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .filter(community=community, user=user)
            .first()
        )
        if (
            membership is not None
            and membership.state == "active"
            and membership.role in ("moderator", "owner")
        ):
            return False
        if membership is None:
            membership = Membership(community=community, user=user)
        membership.role = Membership.Role.MODERATOR
        membership.state = Membership.State.ACTIVE
        membership.ban_reason = ""
        membership.muted_until = None
        membership.joined_at = membership.joined_at or timezone.now()
        membership.save()
        _forget(user)
        audit_record(
            actor=actor,
            action=Action.ASSIGN_COMMUNITY,
            target_type="user",
            target_id=user.pk,
            target_label=user.display_name,
            community=community,
            reason=reason,
            subject_user_id=user.pk,
        )
        _notify(
            user,
            "ambassador",
            gettext_noop("You are now a moderator of “%(community)s”"),
            params={"community": community.name},
            url=community.get_absolute_url(),
            actor=actor,
        )
    return True


def moderator_unassign_community(*, actor, user_id, community_id, reason=""):
    from community.discussions.models import Membership

    _require_staff(actor)
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update(of=("self",))
            .select_related("community", "user")
            .filter(community_id=community_id, user_id=user_id, role=Membership.Role.MODERATOR)
            .first()
        )
        if membership is None:
            return False
        membership.role = Membership.Role.MEMBER
        membership.save(update_fields=["role"])
        _forget(membership.user)
        audit_record(
            actor=actor,
            action=Action.UNASSIGN_COMMUNITY,
            target_type="user",
            target_id=membership.user_id,
            target_label=membership.user.display_name,
            community=membership.community,
            reason=reason,
            subject_user_id=membership.user_id,
        )
    return True


# --- one entry point for the HTTP action form and the WebSocket `moderate` frame ----------


def _room_community_id(room_id):
    from community.discussions.models import Room

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
