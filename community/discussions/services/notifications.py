"""Notifications: created in the caller's transaction, pushed live after commit."""

from community.discussions.models import Notification
from community.realtime import send_user_frame


def notification_create(*, recipient, kind, title, url="", body="", actor=None):
    """Create a notification for `recipient` and push it to their open sockets.

    Callers (projects, cms, moderation) use this for every notice a user
    should see; nothing is sent to the recipient about their own actions.
    """
    if actor is not None and actor.pk == recipient.pk:
        return None
    notification = Notification.objects.create(
        recipient=recipient, actor=actor, kind=kind, title=title[:300], body=body, url=url[:500]
    )
    send_user_frame(
        recipient.pk,
        {
            "type": "notification",
            "notification": {
                "id": notification.pk,
                "kind": kind,
                "title": notification.title,
                "url": notification.url,
                "created_at": notification.created_at.isoformat(),
            },
        },
    )
    return notification


def notification_mark_read(*, user, notification_id=None):
    """Mark one notification (or, with no id, all of them) read for `user`; returns how many changed."""
    from django.utils import timezone

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
