"""Posting, editing and deleting messages. The consumer and the HTTP views both call these."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from community.discussions.models import Attachment, Community, Message, MessageRevision, Room
from community.discussions.permissions import (
    access_message,
    approved_post_frozen,
    can_delete_message,
    can_moderate_room,
    can_read_room,
    can_see_message,
    hold_reason,
    post_refusal,
)
from community.discussions.services._common import announce_message_frame
from community.discussions.services.notifications import notification_create
from community.discussions.signals import message_removing
from community.errors import ActionError
from community.text import mentioned_names, render_markup

CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
LINK = re.compile(r"(https?://|www\.)\S+", re.I)
MAX_MENTIONS = 10


def _frame(kind, message, viewer=None):
    from community.discussions.serializers import serialize_message

    return {
        "type": kind,
        "room": message.room_id,
        "message": serialize_message(message, viewer=viewer),
    }


def _validate_body(body, *, has_attachments=False):
    if not isinstance(body, str):
        raise ActionError("invalid", _("The message must be text."))
    if len(body) > settings.DISCUSSIONS_MAX_BODY:
        raise ActionError(
            "too_long",
            _("The message is too long: %(length)d characters, at most %(limit)d.")
            % {"length": len(body), "limit": settings.DISCUSSIONS_MAX_BODY},
        )
    if not body.strip() and not has_attachments:
        raise ActionError("invalid", _("Write a message first."))


def _mentioned_users(body, room):
    """Users named with @handle (in any case) who may read the room (at most MAX_MENTIONS)."""
    from django.db.models.functions import Lower

    from community.models import User

    names = mentioned_names(body)[:MAX_MENTIONS]
    if not names:
        return {}
    def variants(name):  # "@aysel." at the end of a sentence names @aysel; "İ" is stored as "i"
        name = name.replace("İ", "i")
        return (name.lower(), name.rstrip(".").lower())

    wanted = {variant for name in names for variant in variants(name)}
    by_handle = {
        user.username.lower(): user
        for user in User.objects.alias(handle_ci=Lower("username"))
        .filter(handle_ci__in=wanted, is_active=True)
        .select_related("profile")
    }
    found = {}
    for name in names:
        for variant in variants(name):
            if variant in by_handle:
                found[name] = by_handle[variant]
                break
    return {name: user for name, user in found.items() if can_read_room(user, room)}


def render_body(body, room):
    """Cleaned HTML for a body; @username links to that teacher's profile. Returns (html, mentioned users)."""
    mentioned = _mentioned_users(body, room)

    def mention_url(name):
        user = mentioned.get(name)
        return reverse("teacher_profile", args=[user.pk]) if user else None

    return render_markup(body, mention_url=mention_url), list(mentioned.values())


def _check_rate(user):
    limit = settings.DISCUSSIONS_POSTS_PER_MINUTE
    if not limit:
        return
    window = int(timezone.now().timestamp() // 60)
    key = f"discussions:posts:{user.pk}:{window}"
    cache.add(key, 0, 90)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 90)
        count = 1
    if count > limit:
        raise ActionError(
            "rate_limited",
            ngettext(
                "You are posting too fast: at most %(limit)d message a minute. Wait a moment.",
                "You are posting too fast: at most %(limit)d messages a minute. Wait a moment.",
                limit,
            )
            % {"limit": limit},
        )


def _check_slow_mode(user, room):
    seconds = room.slow_mode_seconds
    if not seconds or can_moderate_room(user, room):
        return
    since = timezone.now() - timedelta(seconds=seconds)
    last = (
        Message.objects.filter(room=room, author=user, created_at__gt=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None:
        wait = max(1, int((last + timedelta(seconds=seconds) - timezone.now()).total_seconds()) + 1)
        raise ActionError(
            "slow_mode",
            ngettext(
                "Slow mode is on in this room: wait %(seconds)d more second.",
                "Slow mode is on in this room: wait %(seconds)d more seconds.",
                wait,
            )
            % {"seconds": wait},
        )


def _review(user, room, body, has_attachments):
    has_links = bool(LINK.search(body or ""))
    for path in settings.POST_REVIEWERS:
        reason = import_string(path)(
            user=user, room=room, body=body, has_links=has_links, has_attachments=has_attachments
        )
        if reason:
            return str(reason)[:300]
    return None


def _existing(user, client_id):
    return (
        Message.objects.select_related("room", "author__profile", "reply_to")
        .prefetch_related("reactions", "attachments")
        .filter(author=user, client_id=client_id)
        .first()
    )


def message_post(*, user, room, body, client_id, reply_to_id=None, attachments=()):
    """Post a message: (message, created). Idempotent on (author, client_id).

    `attachments` are prepared uploads from community.discussions.attachments
    (validated, resized). Raises ActionError for anything refused; nothing is
    written then.
    """
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise ActionError(
            "invalid", _("The message has no valid client id (1–64 letters, digits, - or _).")
        )
    if user is None or not user.is_authenticated:
        raise ActionError("forbidden", _("Sign in to post."))
    existing = _existing(user, client_id)
    if existing is not None:
        return existing, False
    attachments = list(attachments or ())
    if len(attachments) > settings.DISCUSSIONS_ATTACHMENTS_PER_MESSAGE:
        raise ActionError(
            "invalid",
            _("At most %(n)d attachments per message.")
            % {"n": settings.DISCUSSIONS_ATTACHMENTS_PER_MESSAGE},
        )
    _validate_body(body, has_attachments=bool(attachments))
    refusal = post_refusal(user, room)
    if refusal is not None:
        raise refusal
    reply_to = None
    if reply_to_id not in (None, ""):
        try:
            reply_to_id = int(reply_to_id)
        except (TypeError, ValueError):
            raise ActionError("invalid", _("The message you reply to does not exist.")) from None
        reply_to = (
            Message.objects.select_related("author__profile", "room")
            .filter(pk=reply_to_id, room=room)
            .first()
        )
        if reply_to is None or not can_see_message(user, reply_to):
            raise ActionError(
                "not_found", _("The message you reply to does not exist."), ref=reply_to_id
            )
    _check_slow_mode(user, room)
    _check_rate(user)
    # a conversation is read by its members only: nothing of it goes to a review queue
    held_reason = (
        None
        if room.kind == "direct"
        else hold_reason(user, room) or _review(user, room, body, bool(attachments))
    )
    body_html, mentioned = render_body(body, room)
    try:
        with transaction.atomic():
            locked = Room.objects.select_for_update().only("id", "last_seq").get(pk=room.pk)
            seq = locked.last_seq + 1
            Room.objects.filter(pk=room.pk).update(last_seq=seq)
            now = timezone.now()
            message = Message.objects.create(
                room=room,
                seq=seq,
                author=user,
                client_id=client_id,
                body=body,
                body_html=body_html,
                reply_to=reply_to,
                created_at=now,
                status=Message.Status.HELD if held_reason else Message.Status.PUBLISHED,
                held_reason=held_reason or "",
            )
            for upload in attachments:
                Attachment.objects.create(
                    message=message,
                    file=upload.file,
                    kind=upload.kind,
                    original_name=upload.name,
                    size=upload.size,
                    content_type=upload.content_type,
                )
            room.last_seq = seq
            if room.community_id:
                Community.objects.filter(pk=room.community_id).update(last_activity_at=now)
            message = _existing(user, client_id)
            if not held_reason:
                notify_message(message, mentioned=mentioned)
            announce_message_frame(message, _frame("message", message))
    except IntegrityError:
        existing = _existing(user, client_id)
        if existing is None:
            raise
        return existing, False
    return message, True


def held_message_publish(message):
    """A held post (row locked by the caller, who checked who may) becomes published: the room
    receives it as a new message and its mentions notify. The one writer of that change, for
    moderators (community.moderation) and for a pupil's teacher (projects) alike."""
    message.status = Message.Status.PUBLISHED
    message.save(update_fields=["status"])
    from community.realtime import broadcast_room_frame

    broadcast_room_frame(message.room_id, _frame("message", message))
    notify_message(message)


def held_message_refuse(message, reason):
    """A held post (row locked by the caller) is refused: it stays with its author and the room's
    reviewers only, and the author's open rooms are told why."""
    message.status = Message.Status.REJECTED
    message.save(update_fields=["status"])
    if message.author_id:
        from community.realtime import send_user_frame

        send_user_frame(
            message.author_id,
            {"type": "post_refused", "room": message.room_id, "message": message.pk, "reason": reason},
        )


def notify_message(message, *, mentioned=None):
    """Notifications (and e-mail to the away) for a newly published message: mentions and the replied-to author.

    Called by message_post for published posts and by moderation when it approves a held one.
    """
    room = message.room
    if room.kind == "direct":
        from community.discussions.services.direct import notify_direct

        notify_direct(message)
        return
    author = message.author
    if mentioned is None:
        _html, mentioned = render_body(message.body, room)
    notified = set()
    where = room.title
    url = message.get_absolute_url()
    excerpt = (message.body or "")[:200]
    for user in mentioned:
        if author is not None and user.pk == author.pk:
            continue
        notified.add(user.pk)
        with _in_language_of(user):
            notification_create(
                recipient=user,
                kind="mention",
                title=gettext_noop("%(name)s mentioned you in %(room)s"),
                params={"name": _name(author), "room": where},
                url=url,
                text=excerpt,
                actor=author,
            )
        if _is_away(user):
            from community.discussions.tasks import send_mention_email

            transaction.on_commit(
                lambda uid=user.pk, mid=message.pk: send_mention_email.enqueue(uid, mid)
            )
    parent = message.reply_to
    if parent is not None and parent.author_id and parent.author_id not in notified:
        parent_author = parent.author
        if (author is None or parent_author.pk != author.pk) and can_read_room(parent_author, room):
            with _in_language_of(parent_author):
                notification_create(
                    recipient=parent_author,
                    kind="reply",
                    title=gettext_noop("%(name)s replied to you in %(room)s"),
                    params={"name": _name(author), "room": where},
                    url=url,
                    text=excerpt,
                    actor=author,
                )


def _name(user):
    return user.display_name if user is not None else _("Someone")


def _in_language_of(user):
    profile = getattr(user, "profile", None)
    return translation.override(
        getattr(profile, "interface_language", None) or translation.get_language()
    )


def _is_away(user):
    profile = getattr(user, "profile", None)
    if profile is None or not profile.email_on_mention:
        return False
    last_seen = profile.last_seen_at
    return last_seen is None or last_seen < timezone.now() - timedelta(
        minutes=settings.DISCUSSIONS_AWAY_MINUTES
    )


def message_edit(*, user, message_id, body):
    """The author edits their message; the previous body is kept as a revision.

    The new body passes the same post reviewers as a new post. When they hold
    it, the edit of a published message waits in the moderation queue
    (`pending_*` fields): everyone else keeps seeing the published body until a
    moderator approves the edit (moderation.services.held_post_approve), and the
    author is told that it awaits review. A held or refused post is edited in
    place: nobody else sees it anyway.
    """
    if user is None or not user.is_authenticated:
        raise ActionError("forbidden", _("Sign in to edit."))
    message = access_message(user, message_id)
    if message.author_id != user.pk:
        raise ActionError("forbidden", _("Only the author can edit a message."), ref=message.pk)
    if message.deleted_at is not None:
        raise ActionError("conflict", _("This message was deleted."), ref=message.pk)
    if message.hidden_at is not None:
        raise ActionError(
            "forbidden", _("A moderator removed this message; it cannot be edited."), ref=message.pk
        )
    if approved_post_frozen(user, message):
        raise ActionError(
            "forbidden",
            _("Your teacher approved this post, so it cannot be changed. Delete it and write a new one."),
            ref=message.pk,
        )
    _validate_body(body, has_attachments=bool(message.attachments.all()))
    if body == (message.pending_body if message.pending_at is not None else message.body):
        return message
    refusal = post_refusal(user, message.room)
    if refusal is not None and refusal.code in ("banned", "muted", "locked"):
        raise refusal
    held_reason = None
    if message.status == Message.Status.PUBLISHED and body != message.body:
        # The attachments are not part of an edit: they were published with the post.
        held_reason = _review(user, message.room, body, False)
    body_html, _mentioned = render_body(body, message.room)
    with transaction.atomic():
        now = timezone.now()
        if held_reason:
            message.pending_body = body
            message.pending_body_html = body_html
            message.pending_reason = held_reason
            message.pending_at = now
            message.save(
                update_fields=["pending_body", "pending_body_html", "pending_reason", "pending_at"]
            )
            _announce_pending_edit(message)
            return message
        # Back to the published body, or a newer edit that passed review: a held edit is withdrawn.
        _publish_body(message, body, body_html, now)
        announce_message_frame(message, _frame("edited", message))
    return message


def pending_edit_notice():
    return _(
        "Your edit is waiting for review: others see the earlier version until a moderator approves it."
    )


def _publish_body(message, body, body_html, now):
    """`body` becomes the published text (the previous one kept as a revision); no edit is held."""
    if body != message.body:
        MessageRevision.objects.create(message=message, body=message.body, edited_at=now)
        message.body, message.body_html, message.edited_at = body, body_html, now
    _clear_pending(message)
    message.save(
        update_fields=[
            "body",
            "body_html",
            "edited_at",
            "pending_body",
            "pending_body_html",
            "pending_reason",
            "pending_at",
        ]
    )


def _clear_pending(message):
    message.pending_body = ""
    message.pending_body_html = ""
    message.pending_reason = ""
    message.pending_at = None


def _announce_pending_edit(message):
    """The author's sockets get the message as the author sees it (with the held edit, or without)."""
    from community.realtime import send_user_frame

    if message.author_id:
        send_user_frame(message.author_id, _frame("edited", message, viewer=message.author))


def message_edit_publish(message):
    """For moderation: publish a held edit (inside the caller's transaction). False when there is none."""
    if message.pending_at is None:
        return False
    _publish_body(message, message.pending_body, message.pending_body_html, timezone.now())
    message_announce_change(message, "edited")
    return True


def message_edit_discard(message):
    """For moderation: drop a held edit; the published body stays (inside the caller's transaction)."""
    if message.pending_at is None:
        return False
    _clear_pending(message)
    message.save(
        update_fields=["pending_body", "pending_body_html", "pending_reason", "pending_at"]
    )
    _announce_pending_edit(_load(message.pk))
    return True


def _load(message_id):
    return (
        Message.objects.select_related("room__community", "author__profile", "reply_to")
        .prefetch_related("reactions", "attachments")
        .get(pk=message_id)
    )


def message_delete(*, user, message_id, reason=""):
    """Soft delete: the body and attachments are cleared, "message removed" is shown.

    The one deleter of messages. Its author deletes it without a reason; a moderator deletes
    someone else's message with one, which `message_removing`'s receiver (moderation) records
    in the audit log in the same transaction, or refuses (no reason given)."""
    if user is None or not user.is_authenticated:
        raise ActionError("forbidden", _("Sign in first."))
    message = access_message(user, message_id)
    if message.deleted_at is not None:
        return message
    if not can_delete_message(user, message):
        raise ActionError("forbidden", _("You cannot delete this message."), ref=message.pk)
    with transaction.atomic():
        message = (
            Message.objects.select_for_update(of=("self",))
            .select_related("room__community", "author")
            .get(pk=message.pk)
        )
        if message.deleted_at is not None:
            return message
        if message.author_id != user.pk:
            message_removing.send(sender=Message, actor=user, message=message, reason=reason)
        files = [attachment.file.name for attachment in message.attachments.all()]
        message.attachments.all().delete()
        message.body = ""
        message.body_html = ""
        message.deleted_at = timezone.now()
        _clear_pending(message)
        message.save(
            update_fields=[
                "body",
                "body_html",
                "deleted_at",
                "pending_body",
                "pending_body_html",
                "pending_reason",
                "pending_at",
            ]
        )
        message = access_message(user, message.pk)
        announce_message_frame(message, _frame("deleted", message))
        transaction.on_commit(lambda: _remove_files(files))
    return message


def _remove_files(names):
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            pass


def message_announce_change(message, kind="edited"):
    """For moderation services: send the current state of a message (hidden, restored, pinned...) after commit."""
    message = _load(message.pk)
    announce_message_frame(message, _frame(kind, message))
    return message


__all__ = [
    "message_post",
    "message_edit",
    "message_edit_discard",
    "message_edit_publish",
    "message_delete",
    "notify_message",
    "message_announce_change",
    "render_body",
]
