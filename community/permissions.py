"""Who may do what with people and accounts: the single source of truth.

Views, consumers, templates (through the `platform` template tags) and the
admin ask these predicates; no rule lives anywhere else. Other areas have
their own permissions modules (community/discussions/permissions.py,
community/moderation/permissions.py, projects/permissions.py) built on these.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404


def as_id(ref):
    """The integer id that `ref` names (a number or its text), or None: the access layers answer
    a reference that is not an id exactly like one that names nothing."""
    if isinstance(ref, bool):
        return None
    try:
        return int(ref)
    except (TypeError, ValueError):
        return None


def is_staff(user):
    return bool(
        user and user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser)
    )


def is_teacher(user):
    """Any signed-in, active account with a confirmed e-mail (a pupil's account never is one)."""
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.email_confirmed
        and not user.is_pupil
    )


def is_pupil(user):
    """A pupil's account (projects.Pupil): it reads and writes in its project's workspace only."""
    return bool(user and user.is_authenticated and user.is_active and getattr(user, "is_pupil", False))


def is_verified_teacher(user):
    return is_teacher(user) and (user.verified_at is not None or is_staff(user))


def ambassador_region_ids(user):
    """The ids of the regions this user is ambassador of (cached on the user object)."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    cached = getattr(user, "_ambassador_region_ids", None)
    if cached is None:
        cached = frozenset(user.ambassadorships.values_list("region_id", flat=True))
        user._ambassador_region_ids = cached
    return cached


def is_ambassador(user):
    return bool(ambassador_region_ids(user))


def is_ambassador_of_region(user, region_id):
    return region_id is not None and region_id in ambassador_region_ids(user)


def can_contribute(user):
    """Post messages, create communities and projects, invite: verified teachers and staff."""
    return is_verified_teacher(user)


def can_edit_profile(user, profile):
    return is_staff(user) or (user.is_authenticated and profile.user_id == user.pk)


def can_verify_teacher(actor, teacher):
    """Staff, or an ambassador of the region of the teacher's school."""
    if is_staff(actor):
        return True
    school = getattr(getattr(teacher, "profile", None), "school", None)
    return school is not None and is_ambassador_of_region(actor, school.region_id)


def can_view_profile(viewer, profile):
    """Profiles of active teachers are public (a pupil has no public profile)."""
    return profile.user.is_active and not profile.user.is_pupil


def get_profile_for(viewer, profile_id):
    from community.models import Profile

    profile = get_object_or_404(
        Profile.objects.select_related("user", "school__region__country"), pk=profile_id
    )
    if not can_view_profile(viewer, profile):
        raise PermissionDenied
    return profile


def can_view_learning_record(viewer, user):
    """A learning record is the teacher's own (and staff's): its sections may name private communities."""
    return bool(viewer and viewer.is_authenticated and (viewer.pk == user.pk or is_staff(viewer)))


def get_teacher_profile_for(viewer, user_id):
    """The public profile of the teacher whose user id is `user_id`; 404 when missing or closed."""
    from django.http import Http404

    from community.models import Profile

    profile = (
        Profile.objects.select_related("user", "school__region__country")
        .prefetch_related("subjects", "languages")
        .filter(user_id=user_id)
        .first()
    )
    if profile is None or not can_view_profile(viewer, profile):
        raise Http404
    return profile
