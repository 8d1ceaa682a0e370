"""What every moderation action shares: the audit log, reasons, notices and refusals."""

from django.utils.translation import gettext as _

from community.discussions.serializers import serialize_message
from community.discussions.services.notifications import notification_create
from community.errors import ActionError
from community.moderation.models import AuditLogEntry

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
    return notification_create(
        recipient=recipient, kind=kind, title=title, params=params, body=body, text=text,
        url=url, actor=actor,
    )


def _message_excerpt(message, length=80):
    text = " ".join((message.body or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def _serialize(message, viewer=None):
    return serialize_message(message, viewer=viewer)


def message_label(message):
    return f"#{message.seq} {_message_excerpt(message, 60)}"


def removed_notice():
    return _("Removed by a moderator")


def audit_user(*, actor, action, user, community=None, region_id=None, reason="", extra=None):
    """An entry about a person (a sanction, a decision on their request, an appointment)."""
    return audit_record(
        actor=actor,
        action=action,
        target_type="user",
        target_id=user.pk,
        target_label=user.display_name,
        community=community,
        region_id=region_id,
        reason=reason,
        subject_user_id=user.pk,
        extra=extra,
    )
