"""Teacher verification by the ambassadors of the teacher's region, and asking again."""

from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.errors import ActionError
from community.models import Ambassadorship, User
from community.moderation.models import AuditLogEntry
from community.moderation.selectors import verification_state
from community.moderation.services._common import Action, _notify, audit_user, clean_reason
from community.permissions import can_verify_teacher
from community.services import teacher_mark_verified


def _teacher_for(actor, teacher_id):
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
        teacher_mark_verified(teacher=teacher, by=actor)
        audit_user(
            actor=actor,
            action=Action.VERIFY_TEACHER,
            user=teacher,
            region_id=_school_region_id(teacher),
            reason=reason,
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
        audit_user(
            actor=actor,
            action=Action.REFUSE_TEACHER,
            user=teacher,
            region_id=_school_region_id(teacher),
            reason=reason,
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
        audit_user(
            actor=teacher,
            action=Action.REQUEST_VERIFICATION,
            user=teacher,
            region_id=region_id,
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
