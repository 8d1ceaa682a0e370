"""Learning communities, rooms, messages and notifications.

A Room is the one chat mechanism. It is owned either by a Community
(`community` set) or by another app's object (`kind` names the owner type,
`owner_id` its primary key), e.g. a project's workspace room. `community`
never imports the owning app: that app registers who may read and post in
its rooms with `community.discussions.permissions.register_room_access()`.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Room(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY = "community", _("Community room")
        PROJECT = "project", _("Project workspace")

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMUNITY)
    owner_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="Primary key of the owning object for non-community rooms."
    )
    title = models.CharField(_("title"), max_length=120)
    topic = models.CharField(_("topic"), max_length=300, blank=True)
    # Highest sequence number handed out; messages get last_seq + 1 in the posting transaction.
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    is_locked = models.BooleanField(_("locked (read-only)"), default=False)
    slow_mode_seconds = models.PositiveIntegerField(
        _("slow mode: seconds between one member's posts"), default=0
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        indexes = [models.Index(fields=["kind", "owner_id"])]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")

    def __str__(self):
        return self.title


class Notification(models.Model):
    """Something a user should see: a mention, a reply, a join request, an invitation..."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self):
        return self.title
