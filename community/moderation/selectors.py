"""Reads for the moderation pages, each with its related rows loaded (bounded queries)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone

from community.discussions.models import Community, Membership, Message
from community.models import User
from community.moderation.models import AuditLogEntry, Report
from community.moderation.permissions import moderated_community_ids
from community.permissions import ambassador_region_ids, is_staff

SANCTION_ACTIONS = ("warn", "mute", "auto_mute", "ban", "hide", "delete", "refuse_post")


def _report_scope(user):
    ids = moderated_community_ids(user)
    if ids is None:
        return Q()
    query = Q(community_id__in=ids)
    regions = ambassador_region_ids(user)
    if regions:
        query |= Q(community_id__isnull=True, region_id__in=regions)
    return query


def open_reports_for(user):
    if not user.is_authenticated:
        return Report.objects.none()
    return (
        Report.objects.filter(_report_scope(user), status=Report.Status.OPEN)
        .select_related("reporter__profile", "subject_user__profile", "content_type")
        .order_by("created_at", "id")
    )


def my_reports(user):
    return (
        Report.objects.filter(reporter=user)
        .select_related("content_type", "handled_by")
        .order_by("-created_at")
    )


def held_messages_for(user):
    if not user.is_authenticated:
        return Message.objects.none()
    # Held posts, and published messages whose edit is held (the published body stays until decided).
    qs = Message.objects.filter(
        Q(status=Message.Status.HELD)
        | Q(status=Message.Status.PUBLISHED, pending_at__isnull=False),
        deleted_at__isnull=True,
        room__kind="community",
    )
    ids = moderated_community_ids(user)
    if ids is not None:
        qs = qs.filter(room__community_id__in=ids)
    return qs.select_related("room__community", "author__profile").order_by("created_at", "id")


# --- teacher verification ------------------------------------------------------------------
#
# A teacher's verification state is read back from the audit log: a refusal
# takes them out of their region's pending queue until they ask again (a
# `request_verification` entry after it), which they may do once
# MODERATION_VERIFICATION_RETRY_HOURS have passed since the refusal.

_REFUSE = AuditLogEntry.Action.REFUSE_TEACHER
_REQUEST = AuditLogEntry.Action.REQUEST_VERIFICATION


def verification_retry_delay():
    """How long after a refusal a teacher must wait before asking again."""
    hours = settings.MODERATION_VERIFICATION_RETRY_HOURS
    return timedelta(hours=hours)


def _verification_events(**filters):
    return AuditLogEntry.objects.filter(target_type="user", **filters)


def refused_teacher_ids():
    """Ids of teachers refused who have not asked again since their latest refusal."""
    asked_since = _verification_events(
        action=_REQUEST, target_id=OuterRef("target_id"), created_at__gt=OuterRef("created_at")
    )
    return _verification_events(action=_REFUSE).exclude(Exists(asked_since)).values("target_id")


@dataclass(frozen=True)
class VerificationState:
    """Where a teacher's verification stands, as their profile page shows it."""

    status: str  # "verified", "pending" (waiting for an ambassador) or "refused"
    refusal: AuditLogEntry | None = None  # refused: the standing refusal (its reason, its time)
    retry_at: datetime | None = None  # refused: from when they may ask again
    asked_again: bool = False  # pending again after a refusal

    @property
    def can_ask_again(self):
        return self.status == "refused" and timezone.now() >= self.retry_at


def verification_state(user):
    """The VerificationState of `user` (two queries at most, none for a verified teacher)."""
    if user.verified_at is not None:
        return VerificationState("verified")
    latest = (
        _verification_events(target_id=user.pk, action__in=(_REFUSE, _REQUEST))
        .order_by("-created_at", "-id")
        .first()
    )
    if latest is None:
        return VerificationState("pending")
    if latest.action == _REQUEST:
        return VerificationState("pending", asked_again=True)
    return VerificationState(
        "refused", refusal=latest, retry_at=latest.created_at + verification_retry_delay()
    )


def pending_teachers_for(user):
    """Confirmed, unverified, active teachers whose school is in the user's regions (all for staff).

    Refused teachers are left out until they ask again; then `last_refusal_reason`
    tells why they were refused before (empty for everyone else).
    """
    qs = User.objects.filter(
        is_active=True, email_confirmed=True, verified_at__isnull=True, is_staff=False
    )
    if not is_staff(user):
        regions = ambassador_region_ids(user)
        if not regions:
            return User.objects.none()
        qs = qs.filter(profile__school__region_id__in=regions)
    qs = qs.exclude(pk__in=refused_teacher_ids())
    last_refusal = _verification_events(action=_REFUSE, target_id=OuterRef("pk")).order_by(
        "-created_at", "-id"
    )
    qs = qs.annotate(last_refusal_reason=Subquery(last_refusal.values("reason")[:1]))
    return qs.select_related("profile__school__region__country").order_by("date_joined", "id")


def join_requests_for(user):
    qs = Membership.objects.filter(state=Membership.State.PENDING)
    ids = moderated_community_ids(user)
    if ids is not None:
        qs = qs.filter(community_id__in=ids)
    return qs.select_related("community", "user__profile").order_by("created_at", "id")


def moderated_communities(user):
    ids = moderated_community_ids(user)
    qs = Community.objects.all() if ids is None else Community.objects.filter(pk__in=ids)
    return qs.select_related("region").order_by("name")


def community_activity(communities, days=None):
    """{community id: {messages, active_members, unanswered}} over the last `days` days, in three queries.

    Unanswered questions: published, visible messages ending with "?" that have no reply.
    """
    days = days or settings.MODERATION_CONSOLE_DAYS
    since = timezone.now() - timedelta(days=days)
    ids = [c.pk for c in communities]
    if not ids:
        return {}
    recent = Message.objects.filter(
        room__community_id__in=ids,
        created_at__gte=since,
        status=Message.Status.PUBLISHED,
        deleted_at__isnull=True,
    )
    stats = {pk: {"messages": 0, "active_members": 0, "unanswered": 0} for pk in ids}
    for row in recent.values("room__community_id").annotate(
        messages=Count("id"), active_members=Count("author_id", distinct=True)
    ):
        stats[row["room__community_id"]].update(
            messages=row["messages"], active_members=row["active_members"]
        )
    replies = Message.objects.filter(
        reply_to=OuterRef("pk"), deleted_at__isnull=True, status=Message.Status.PUBLISHED
    )
    unanswered = (
        recent.filter(body__endswith="?", hidden_at__isnull=True)
        .annotate(answered=Exists(replies))
        .filter(answered=False)
        .values("room__community_id")
        .annotate(n=Count("id"))
    )
    for row in unanswered:
        stats[row["room__community_id"]]["unanswered"] = row["n"]
    return stats


def message_context(message, around=3):
    """The messages just before and after `message` in its room (moderators see held ones too)."""
    base = Message.objects.filter(room_id=message.room_id).select_related("author__profile")
    before = list(base.filter(seq__lt=message.seq).order_by("-seq")[:around])[::-1]
    after = list(base.filter(seq__gt=message.seq).order_by("seq")[:around])
    return before, after


def history_of(user_id, *, limit=10):
    """Earlier reports about a member and the sanctions moderators took against them."""
    if user_id is None:
        return [], []
    reports = list(
        Report.objects.filter(subject_user_id=user_id)
        .select_related("reporter", "content_type")
        .order_by("-created_at")[:limit]
    )
    sanctions = list(
        AuditLogEntry.objects.filter(subject_user_id=user_id, action__in=SANCTION_ACTIONS)
        .select_related("actor")
        .order_by("-created_at")[:limit]
    )
    return reports, sanctions


def audit_entries_for(
    user, *, community=None, actor=None, action=None, date_from=None, date_to=None
):
    qs = AuditLogEntry.objects.select_related("actor")
    if not is_staff(user):
        ids = moderated_community_ids(user) or frozenset()
        regions = ambassador_region_ids(user)
        scope = Q(community_id__in=ids)
        if regions:
            scope |= Q(community_id__isnull=True, region_id__in=regions)
        qs = qs.filter(scope)
    if community:
        qs = qs.filter(community_id=community)
    if actor:
        qs = qs.filter(Q(actor_label__icontains=actor) | Q(actor__email__iexact=actor))
    if action:
        qs = qs.filter(action=action)
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.order_by("-created_at", "-id")
