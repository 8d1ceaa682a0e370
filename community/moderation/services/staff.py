"""Staff assign and unassign region ambassadors and community moderators."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.models import Membership
from community.discussions.permissions import access_community
from community.discussions.services.memberships import (
    membership_appoint_moderator,
    membership_dismiss_moderator,
)
from community.errors import ActionError
from community.models import Ambassadorship, Region, User
from community.moderation.services._common import Action, _notify, audit_user
from community.permissions import is_staff
from community.services import ambassadorship_add, ambassadorship_remove


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
        if not ambassadorship_add(user=user, region=region):
            return False
        audit_user(
            actor=actor,
            action=Action.ASSIGN_REGION,
            user=user,
            region_id=region.pk,
            reason=reason,
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
        ambassadorship_remove(ambassadorship=ambassadorship)
        audit_user(
            actor=actor,
            action=Action.UNASSIGN_REGION,
            user=user,
            region_id=region.pk,
            reason=reason,
            extra={"region": region.full_name_in("en")},
        )
    return True


def moderator_assign_community(*, actor, user_id, community_id, reason=""):
    _require_staff(actor)
    with transaction.atomic():
        user = _active_user(user_id)
        community = access_community(actor, community_id, need="moderate")
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
        membership_appoint_moderator(community=community, user=user, membership=membership)
        audit_user(
            actor=actor,
            action=Action.ASSIGN_COMMUNITY,
            user=user,
            community=community,
            reason=reason,
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
        membership_dismiss_moderator(membership=membership)
        audit_user(
            actor=actor,
            action=Action.UNASSIGN_COMMUNITY,
            user=membership.user,
            community=membership.community,
            reason=reason,
        )
    return True
