"""Staff assign and unassign region ambassadors and community moderators."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.models import Community, Membership
from community.discussions.permissions import forget_memberships
from community.errors import ActionError
from community.models import Ambassadorship, Region, User
from community.moderation.services._common import Action, _notify, audit_record
from community.permissions import is_staff


def _require_staff(actor):
    if not is_staff(actor):
        raise ActionError("forbidden", _("Only staff can assign ambassadors and moderators."))


def _active_user(user_id):
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise ActionError("not_found", _("This person's account no longer exists."), ref=user_id)
    return user


def ambassador_assign_region(*, actor, user_id, region_id, reason=""):
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
        forget_memberships(user)
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
        forget_memberships(membership.user)
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
