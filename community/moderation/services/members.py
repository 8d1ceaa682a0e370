"""Sanctions on a community's members (warn, mute, ban and their undoing) and join requests."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community import realtime
from community.discussions.models import Membership
from community.discussions.permissions import access_community
from community.discussions.services import membership_request_decide
from community.discussions.services.memberships import (
    membership_ban,
    membership_set_muted,
    membership_unban,
)
from community.errors import ActionError
from community.models import User
from community.moderation.models import AuditLogEntry, Report
from community.moderation.permissions import can_moderate_community
from community.moderation.services._common import (
    Action,
    _forbidden,
    _notify,
    audit_user,
    clean_reason,
)
from community.permissions import is_staff


def _member_for(community, user_id, actor, *, create=False):
    """The member's Membership (row-locked); refuses sanctions on oneself and on fellow moderators."""
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


def _log_member(actor, action, membership, reason, **extra):
    return audit_user(
        actor=actor,
        action=action,
        user=membership.user,
        community=membership.community,
        reason=reason,
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
        community = access_community(actor, community_id, need="moderate")
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
    membership_set_muted(membership=membership, until=until)
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
        community = access_community(actor, community_id, need="moderate")
        membership = _member_for(community, user_id, actor)
        if membership.state != "active":
            raise ActionError("conflict", _("Only active members can be muted."))
        return _apply_mute(actor, membership, minutes, reason, Action.MUTE)


def member_unmute(*, actor, community_id, user_id, reason=""):
    reason = clean_reason("unmute", reason)
    with transaction.atomic():
        community = access_community(actor, community_id, need="moderate")
        membership = _member_for(community, user_id, actor)
        if not membership.muted_now():
            return False
        membership_set_muted(membership=membership, until=None)
        _log_member(actor, Action.UNMUTE, membership, reason)
        realtime.send_user_frame(membership.user_id, _sanction_frame("unmute", membership, reason))
    return True


def member_auto_mute_for_flooding(*, user, room):
    """Called by the trust rules: mute a flooding member, file a queue item, refuse the post.

    Raises ActionError("muted"); the trust rules then start the member's flood count afresh."""
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

    raise ActionError("muted", detail)


def member_ban(*, actor, community_id, user_id, reason):
    """Ban from a community: removed from its rooms and from their sockets at once."""
    reason = clean_reason("ban", reason)
    with transaction.atomic():
        community = access_community(actor, community_id, need="moderate")
        membership = _member_for(community, user_id, actor, create=True)
        if membership.state == "banned":
            return False
        membership_ban(membership=membership, reason=reason)
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
        community = access_community(actor, community_id, need="moderate")
        membership = _member_for(community, user_id, actor)
        if membership.state != "banned":
            return False
        _log_member(actor, Action.UNBAN, membership, reason)
        membership_unban(membership=membership)
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


# --- join requests ------------------------------------------------------------------------


def join_request_decide(*, actor, membership_id, approve, reason=""):
    """Approve or refuse a request to join a private community (discussions' service does the work)."""
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
        membership_request_decide(actor=actor, membership_id=membership.pk, approve=approve)
        audit_user(
            actor=actor,
            action=Action.APPROVE_JOIN if approve else Action.REFUSE_JOIN,
            user=user,
            community=community,
            reason=reason,
        )
    return True
