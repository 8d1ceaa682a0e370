"""Reports, the audit log and the site-wide list of blocked words.

The moderation queue is derived, not stored twice: open `Report`s (people's
reports and the automatic ones the trust rules file, e.g. for flooding) plus
messages whose status is `held`. Sanctions (warnings, mutes, bans) are read
back from the audit log, which is the record of everything moderators did.

`AuditLogEntry` is append-only: `save()` refuses to change an existing row and
`delete()` refuses always (the admin shows it read-only). Its community,
region and target are stored as ids plus a label taken when the action
happened, so the record outlives the things it names and no cascade rewrites it.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised on any attempt to change or delete an audit log entry."""


class AuditLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The audit log is append-only.")

    def delete(self):
        raise AppendOnlyError("The audit log is append-only.")


class AuditLogEntry(models.Model):
    """One moderation or verification action: who, what, on what, why, when."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hid a message")
        RESTORE = "restore", _("Restored a message")
        DELETE = "delete", _("Deleted a message")
        PIN = "pin", _("Pinned a message")
        UNPIN = "unpin", _("Unpinned a message")
        APPROVE_POST = "approve_post", _("Approved a held post")
        REFUSE_POST = "refuse_post", _("Refused a held post")
        WARN = "warn", _("Warned a member")
        MUTE = "mute", _("Muted a member")
        UNMUTE = "unmute", _("Unmuted a member")
        AUTO_MUTE = "auto_mute", _("Muted a member automatically (flooding)")
        BAN = "ban", _("Banned a member")
        UNBAN = "unban", _("Lifted a ban")
        LOCK = "lock", _("Locked a room")
        UNLOCK = "unlock", _("Unlocked a room")
        SLOW_MODE = "slow_mode", _("Changed slow mode")
        APPROVE_JOIN = "approve_join", _("Approved a join request")
        REFUSE_JOIN = "refuse_join", _("Refused a join request")
        RESOLVE_REPORT = "resolve_report", _("Resolved a report")
        DISMISS_REPORT = "dismiss_report", _("Dismissed a report")
        VERIFY_TEACHER = "verify_teacher", _("Verified a teacher")
        REFUSE_TEACHER = "refuse_teacher", _("Refused a teacher's verification")
        REQUEST_VERIFICATION = "request_verification", _("Asked again to be verified")
        ASSIGN_REGION = "assign_region", _("Made an ambassador of a region")
        UNASSIGN_REGION = "unassign_region", _("Removed an ambassador from a region")
        ASSIGN_COMMUNITY = "assign_community", _("Made a moderator of a community")
        UNASSIGN_COMMUNITY = "unassign_community", _("Removed a moderator from a community")

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
        help_text=_("Empty for actions the platform took by itself."),
    )
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=40, choices=Action.choices, db_index=True)
    target_type = models.CharField(_("target type"), max_length=40)
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    # The member a sanction or message action concerns (for "earlier sanctions of the author").
    subject_user_id = models.PositiveBigIntegerField(null=True, blank=True, db_index=True)
    community_id = models.PositiveBigIntegerField(
        _("community"), null=True, blank=True, db_index=True
    )
    community_label = models.CharField(_("community"), max_length=200, blank=True)
    region_id = models.PositiveBigIntegerField(_("region"), null=True, blank=True, db_index=True)
    reason = models.TextField(_("reason"), blank=True)
    extra = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        default_permissions = ("add", "view")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_label or '—'}: {self.get_action_display()} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("The audit log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The audit log is append-only: entries cannot be deleted.")


class Report(models.Model):
    """Someone (or the platform itself) asks moderators to look at something.

    The target is generic (a message, a profile, a community, a project...) so
    this app never imports the apps whose things can be reported. `community`
    and `region` scope the report to the moderators who see it; `subject_user`
    is the person responsible for the target (a message's author, a profile's
    owner), so moderators see their earlier reports.
    """

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        HARASSMENT = "harassment", _("Harassment or bullying")
        INAPPROPRIATE = "inappropriate", _("Inappropriate content")
        MISINFORMATION = "misinformation", _("False or misleading information")
        IMPERSONATION = "impersonation", _("Not a real teacher / impersonation")
        PRIVACY = "privacy", _("Shares someone's personal data")
        OTHER = "other", _("Something else")
        FLOODING = "flooding", _("Flooding (automatic)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIONED = "actioned", _("Action taken")
        DISMISSED = "dismissed", _("Dismissed")

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="reports_made",
        verbose_name=_("reported by"),
        help_text=_("Empty for reports the platform filed itself."),
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, verbose_name=_("type"))
    object_id = models.PositiveBigIntegerField(_("object id"))
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField(_("reported item"), max_length=300, blank=True)
    target_url = models.CharField(max_length=500, blank=True)
    subject_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_against",
        verbose_name=_("member concerned"),
    )
    community_id = models.PositiveBigIntegerField(
        _("community"), null=True, blank=True, db_index=True
    )
    region_id = models.PositiveBigIntegerField(_("region"), null=True, blank=True, db_index=True)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    details = models.TextField(_("details"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    resolution_note = models.TextField(_("resolution note"), blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_handled",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["reporter", "content_type", "object_id"],
                name="moderation_one_report_per_reporter_target",
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "community_id"]),
        ]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return f"{self.get_reason_display()}: {self.target_label}"

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def is_automatic(self):
        return self.reporter_id is None


class BlockedWord(models.Model):
    """A word or phrase that holds a post for review wherever it appears (site-wide)."""

    phrase = models.CharField(_("word or phrase"), max_length=100, unique=True)
    note = models.CharField(_("note for moderators"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("blocked word")
        verbose_name_plural = _("blocked words")

    def __str__(self):
        return self.phrase

    def save(self, *args, **kwargs):
        self.phrase = " ".join(self.phrase.split()).casefold()
        super().save(*args, **kwargs)
