"""Who may moderate what: the single source of truth for the moderation app.

A community is moderated by its moderators and owners (active memberships),
by the ambassadors of its region and by staff. The rule itself lives in
`community.discussions.permissions.can_moderate_community`; this module asks
it and adds what only moderation needs (scoping the queue, the audit log, the
console, ambassador assignment, reports).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from community.discussions import permissions as discussions_permissions
from community.discussions.models import Community
from community.moderation.models import Report
from community.permissions import ambassador_region_ids, is_staff, is_teacher


def _is_active(user):
    return bool(user and user.is_authenticated and user.is_active)


def can_moderate_community(user, community):
    if not _is_active(user) or community is None:
        return False
    return bool(discussions_permissions.can_moderate_community(user, community))


def can_moderate_room(user, room):
    """Community rooms: the community's moderators; rooms owned by other apps: staff."""
    if not _is_active(user):
        return False
    return bool(discussions_permissions.can_moderate_room(user, room))


def moderated_community_ids(user):
    """Ids of the communities `user` moderates (None means all: staff). Cached on the user object."""
    if not _is_active(user):
        return frozenset()
    if is_staff(user):
        return None
    cached = getattr(user, "_moderated_community_ids", None)
    if cached is None:
        regions = ambassador_region_ids(user)
        query = Q(
            memberships__user=user,
            memberships__state="active",
            memberships__role__in=("moderator", "owner"),
        )
        if regions:
            query |= Q(region_id__in=regions)
        cached = frozenset(Community.objects.filter(query).values_list("pk", flat=True).distinct())
        user._moderated_community_ids = cached
    return cached


def is_moderator_anywhere(user):
    ids = moderated_community_ids(user)
    return ids is None or bool(ids)


def can_use_console(user):
    """The ambassador console, the queue: staff, ambassadors and community moderators."""
    return is_staff(user) or bool(ambassador_region_ids(user)) or is_moderator_anywhere(user)


def can_read_audit_log(user):
    return can_use_console(user)


def can_handle_report(user, report):
    if not _is_active(user):
        return False
    if is_staff(user):
        return True
    if report.community_id is not None:
        ids = moderated_community_ids(user)
        return report.community_id in ids
    return report.region_id is not None and report.region_id in ambassador_region_ids(user)


def can_report(user):
    """Any signed-in member with a confirmed e-mail address may report something."""
    return is_teacher(user)


def can_assign_ambassadors(user):
    return is_staff(user)


def can_manage_blocked_words(user):
    return is_staff(user)


def get_report_for(user, report_id):
    report = (
        Report.objects.select_related("reporter", "subject_user", "content_type", "handled_by")
        .filter(pk=report_id)
        .first()
    )
    if report is None or not can_handle_report(user, report):
        raise Http404
    return report


def require_console(user):
    if not can_use_console(user):
        raise PermissionDenied
