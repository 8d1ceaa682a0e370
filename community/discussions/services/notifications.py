"""Notifications: created in the caller's transaction, pushed live after commit.

A notification is stored as its kind, an English title template (and optionally a body
template) and the parameters that fill them, never as finished text: the reader sees it in
their language of the moment, on the page, in the badge's live announcement and in e-mail.
Callers mark the templates with `gettext_noop` (so that `make messages` finds them) and put a
person's own words (a request message, a reason, an excerpt) in `text`, which is shown as
written and never used as a template.
"""

from django.conf import settings
from django.utils import timezone, translation

from community.discussions.models import Block, Notification
from community.realtime import send_user_frame


def _reader_language(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "interface_language", None) or translation.get_language()


def notification_create(*, recipient, kind, title, params=None, body="", text="", url="", actor=None):
    """Create a notification for `recipient` and push it to their open sockets.

    `title` and `body` are English templates (`gettext_noop("%(name)s replied to you")`),
    `params` fills them (names, titles, numbers; a reference row as {"ref": "community.region",
    "pk": ...} is shown in the reader's language), `text` is the user's own words. Nothing is
    sent to the recipient about their own actions, nor about those of someone they blocked.
    """
    if actor is not None and actor.pk == recipient.pk:
        return None
    if getattr(recipient, "is_pupil", False):
        return None  # a pupil reads their project's room; nothing else reaches them
    if actor is not None and Block.objects.filter(blocker=recipient, blocked=actor).exists():
        return None  # a blocked person's doings reach nobody who blocked them
    stored = dict(params or {})
    if text:
        stored["text"] = text
    notification = Notification.objects.create(
        recipient=recipient,
        actor=actor,
        kind=kind,
        title=str(title)[:300],
        body=str(body),
        params=stored,
        url=url[:500],
    )
    frames = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            frames[language] = _live_frame(notification)
    with translation.override(_reader_language(recipient)):
        frame = _live_frame(notification)
    # each of the recipient's sockets announces it in the language of its own page
    send_user_frame(recipient.pk, frame, localized=frames)
    return notification


def _live_frame(notification):
    return {
        "type": "notification",
        "notification": {
            "id": notification.pk,
            "kind": notification.kind,
            "title": notification.shown_title,
            "url": notification.url,
            "created_at": notification.created_at.isoformat(),
        },
    }


def notification_mark_read(*, user, notification_id=None):
    """Mark one notification (or, with no id, all of them) read for `user`; returns how many changed."""
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())
