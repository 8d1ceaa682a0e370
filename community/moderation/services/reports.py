"""Reports: what may be reported, filing one, and closing it (the reporter is told)."""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.models import Community, Message
from community.discussions.permissions import can_read_room, can_see_message, can_view_community
from community.errors import ActionError
from community.models import Profile, User
from community.moderation.models import Report
from community.moderation.permissions import can_handle_report, can_report
from community.moderation.services._common import (
    Action,
    _forbidden,
    _notify,
    audit_record,
    message_label,
)


def describe_target(obj, reporter=None):
    """(label, url, subject_user, community, region_id) for any reportable object.

    A message of a direct conversation goes to the ambassadors of the reporter's region: they
    see that message and the few around it on the report's page, never the conversation.
    """
    if isinstance(obj, Message):
        if obj.room.kind == "direct":
            region_id = (
                Profile.objects.filter(user=reporter).values_list("school__region_id", flat=True).first()
                if reporter is not None
                else None
            )
            return message_label(obj), "", obj.author, None, region_id
        community = obj.room.community if obj.room.community_id else None
        return (
            message_label(obj),
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

    if not isinstance(subject, User):
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
    label, url, subject, community, region_id = describe_target(obj, reporter)
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
            community=community_or_none(report.community_id),
            region_id=report.region_id,
            reason=note,
            subject_user_id=report.subject_user_id,
        )
        report.reporter = report.reporter  # loaded for the notice
        _tell_reporter(report, actor)
    return True


def community_or_none(community_id):
    if community_id is None:
        return None
    return Community.objects.filter(pk=community_id).first()
