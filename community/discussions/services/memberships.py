"""Joining, leaving, asking, inviting, approving."""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.models import Membership
from community.discussions.permissions import (
    can_invite,
    can_join,
    can_moderate_community,
    can_request_to_join,
    forget_memberships,
    membership_for,
)
from community.discussions.services._common import moderator_ids
from community.discussions.services.notifications import notification_create
from community.errors import ActionError
from community.permissions import is_teacher


def _lang(user):
    profile = getattr(user, "profile", None)
    return translation.override(
        getattr(profile, "interface_language", None) or translation.get_language()
    )


def membership_join(*, user, community, message=""):
    """Join a public community at once; ask to join a private one (the moderators are notified)."""
    if not is_teacher(user):
        raise ActionError("forbidden", _("Sign in with a confirmed e-mail address to join."))
    existing = membership_for(user, community)
    if existing is not None:
        if existing.state == Membership.State.BANNED:
            raise ActionError("banned", _("You have been banned from this community."))
        if existing.state == Membership.State.INVITED:
            return membership_invite_accept(user=user, membership_id=existing.pk)
        return existing
    if community.visibility == "public":
        if not can_join(user, community):
            raise ActionError("forbidden", _("You cannot join this community."))
        state = Membership.State.ACTIVE
    else:
        if not can_request_to_join(user, community):
            raise ActionError("forbidden", _("You cannot ask to join this community."))
        state = Membership.State.PENDING
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                community=community,
                user=user,
                state=state,
                request_message=(message or "")[:500],
                joined_at=timezone.now() if state == Membership.State.ACTIVE else None,
            )
            if state == Membership.State.PENDING:
                _notify_moderators_of_request(membership)
    except IntegrityError:
        forget_memberships(user)
        return membership_for(user, community)
    forget_memberships(user)
    return membership


def _notify_moderators_of_request(membership):
    from community.models import User

    community = membership.community
    url = reverse("discussions:community_members", args=[community.slug])
    for moderator in User.objects.filter(pk__in=moderator_ids(community)).select_related("profile"):
        with _lang(moderator):
            notification_create(
                recipient=moderator,
                kind="join_request",
                title=gettext_noop("%(name)s asks to join %(community)s"),
                params={"name": membership.user.display_name, "community": community.name},
                url=url,
                text=membership.request_message,
                actor=membership.user,
            )


def membership_leave(*, user, community):
    """Leave a community (or withdraw a request). The last owner cannot leave."""
    from community.realtime import revoke_room

    membership = membership_for(user, community)
    if membership is None or membership.state not in (
        Membership.State.ACTIVE,
        Membership.State.PENDING,
    ):
        raise ActionError("conflict", _("You are not a member of this community."))
    if membership.role == Membership.Role.OWNER and membership.state == Membership.State.ACTIVE:
        owners = Membership.objects.filter(
            community=community, role=Membership.Role.OWNER, state=Membership.State.ACTIVE
        ).count()
        if owners <= 1:
            raise ActionError(
                "conflict",
                _("You are the only owner. Make another member an owner before you leave."),
            )
    with transaction.atomic():
        membership.delete()
        if community.visibility == "private":
            for room_id in community.rooms.values_list("id", flat=True):
                revoke_room(user.pk, room_id, "left")
    forget_memberships(user)


def _load_membership(membership_id):
    membership = (
        Membership.objects.select_related("community__region", "user__profile")
        .filter(pk=membership_id)
        .first()
    )
    if membership is None:
        raise ActionError("not_found", _("No such request or invitation."), ref=membership_id)
    return membership


def membership_request_decide(*, actor, membership_id, approve):
    """A moderator approves or refuses a request to join; the teacher is told."""
    membership = _load_membership(membership_id)
    community = membership.community
    if not can_moderate_community(actor, community):
        raise ActionError("not_found", _("No such request or invitation."), ref=membership_id)
    if membership.state != Membership.State.PENDING:
        raise ActionError("conflict", _("This request was already decided."), ref=membership_id)
    with transaction.atomic():
        if approve:
            membership.state = Membership.State.ACTIVE
            membership.joined_at = timezone.now()
            membership.save(update_fields=["state", "joined_at"])
        else:
            membership.delete()
        with _lang(membership.user):
            notification_create(
                recipient=membership.user,
                kind="join_approved" if approve else "join_refused",
                title=(
                    gettext_noop("You are now a member of %(community)s")
                    if approve
                    else gettext_noop("Your request to join %(community)s was declined")
                ),
                params={"community": community.name},
                url=community.get_absolute_url() if approve else "",
                actor=actor,
            )
    forget_memberships(membership.user)
    return membership


def membership_invite(*, actor, community, user):
    """Invite a teacher; they accept or decline from their notifications."""
    if not can_invite(actor, community):
        raise ActionError("forbidden", _("You cannot invite people to this community."))
    if not user.is_active:
        raise ActionError("not_found", _("No such teacher."))
    existing = Membership.objects.filter(community=community, user=user).first()
    if existing is not None:
        if existing.state == Membership.State.PENDING and can_moderate_community(actor, community):
            return membership_request_decide(actor=actor, membership_id=existing.pk, approve=True)
        if existing.state == Membership.State.BANNED:
            raise ActionError("banned", _("This teacher is banned from the community."))
        raise ActionError(
            "conflict", _("%(name)s is already a member or invited.") % {"name": user.display_name}
        )
    with transaction.atomic():
        membership = Membership.objects.create(
            community=community, user=user, state=Membership.State.INVITED, invited_by=actor
        )
        with _lang(user):
            notification_create(
                recipient=user,
                kind="invitation",
                title=gettext_noop("%(name)s invites you to join %(community)s"),
                params={"name": actor.display_name, "community": community.name},
                url=reverse("discussions:invitation", args=[membership.pk]),
                actor=actor,
            )
    forget_memberships(user)
    return membership


def _own_invitation(user, membership_id):
    membership = _load_membership(membership_id)
    if membership.user_id != user.pk or membership.state != Membership.State.INVITED:
        raise ActionError("not_found", _("No such request or invitation."), ref=membership_id)
    return membership


def membership_invite_accept(*, user, membership_id):
    membership = _own_invitation(user, membership_id)
    membership.state = Membership.State.ACTIVE
    membership.joined_at = timezone.now()
    membership.save(update_fields=["state", "joined_at"])
    forget_memberships(user)
    return membership


def membership_invite_decline(*, user, membership_id):
    membership = _own_invitation(user, membership_id)
    membership.delete()
    forget_memberships(user)


def membership_set_role(*, actor, membership_id, role):
    """Owners (and staff, ambassadors) make members moderators or owners."""
    membership = _load_membership(membership_id)
    if not can_moderate_community(actor, membership.community):
        raise ActionError("forbidden", _("Only the community's moderators can change roles."))
    if role not in Membership.Role.values or membership.state != Membership.State.ACTIVE:
        raise ActionError("invalid", _("This role cannot be given."))
    membership.role = role
    membership.save(update_fields=["role"])
    forget_memberships(membership.user)
    return membership


# --- sanctions and appointments ------------------------------------------------------------
# Moderation decides these (it checks who may, logs them and tells the member); the rows are
# written here, inside the caller's transaction, with the caller's row lock on `membership`.


def membership_set_muted(*, membership, until):
    """The member may not post before `until` (None lifts the mute)."""
    membership.muted_until = until
    membership.save(update_fields=["muted_until"])
    forget_memberships(membership.user)
    return membership


def membership_ban(*, membership, reason):
    """Banned with `reason`: a moderator's role and a mute go with it. `membership` may be an
    unsaved row, for a person who was not a member."""
    membership.state = Membership.State.BANNED
    membership.ban_reason = reason
    membership.role = Membership.Role.MEMBER
    membership.muted_until = None
    membership.save()
    forget_memberships(membership.user)
    return membership


def membership_unban(*, membership):
    """The ban is lifted by ending the membership: the person may join (or ask to) again."""
    membership.delete()
    forget_memberships(membership.user)


def membership_appoint_moderator(*, community, user, membership=None):
    """An active moderator of `community`, whatever `membership` (their row, if any) said before."""
    if membership is None:
        membership = Membership(community=community, user=user)
    membership.role = Membership.Role.MODERATOR
    membership.state = Membership.State.ACTIVE
    membership.ban_reason = ""
    membership.muted_until = None
    membership.joined_at = membership.joined_at or timezone.now()
    membership.save()
    forget_memberships(user)
    return membership


def membership_dismiss_moderator(*, membership):
    """Back to a plain member."""
    membership.role = Membership.Role.MEMBER
    membership.save(update_fields=["role"])
    forget_memberships(membership.user)
    return membership
