"""Direct conversations: starting one (a request or at once), accepting, declining, blocking.

A conversation is a Room of kind `direct` with a Conversation row and its members, so that its
messages go through `message_post` like every other post: the protocol's guarantees, the
outbox, attachments, the page without JavaScript. The rules are in permissions.py
(`message_refusal` to start one, `direct_post_refusal` to write in one).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.direct_permissions import conversation_member_ids, message_refusal
from community.discussions.models import (
    Block,
    Conversation,
    ConversationMember,
    Notification,
    ReadState,
    Room,
)
from community.discussions.services.messages import message_post
from community.discussions.services.notifications import notification_create
from community.errors import ActionError
from community.realtime import send_user_frame

# kinds of the notifications a conversation sends (one unread at a time per conversation)
NOTIFICATION_KINDS = ("direct", "direct_request", "direct_answer")


def member_key(user_ids):
    return ",".join(str(pk) for pk in sorted(set(user_ids)))


def _title(users):
    return ", ".join(user.display_name for user in users)[:120]


def _have_talked(user, other_ids):
    """True when every one of `other_ids` shares an open conversation with `user` already."""
    mine = ConversationMember.objects.filter(
        user=user, conversation__state=Conversation.State.OPEN
    ).values("conversation_id")
    talked = set(
        ConversationMember.objects.filter(conversation_id__in=mine, user_id__in=other_ids)
        .values_list("user_id", flat=True)
        .distinct()
    )
    return talked >= set(other_ids)


def conversation_for(user, recipients):
    """The conversation of exactly `user` and `recipients`, if there is one."""
    key = member_key([user.pk, *(other.pk for other in recipients)])
    return Conversation.objects.select_related("room").filter(member_key=key).first()


def conversation_start(*, user, recipients, body, client_id, attachments=()):
    """Write to `recipients` (teachers): returns (conversation, message).

    The conversation of exactly these people is reused (an open one gets the message; a declined
    one, once its pause is over, becomes a new request). A new conversation with anyone who has
    never talked with `user` is a request: it opens when a recipient accepts. Nothing is written
    when anything is refused.
    """
    recipients = list({other.pk: other for other in recipients if other is not None}.values())
    refusal = message_refusal(user, recipients)
    if refusal is not None:
        raise refusal
    ids = {user.pk, *(other.pk for other in recipients)}
    key = member_key(ids)
    with transaction.atomic():
        conversation = (
            Conversation.objects.select_for_update().select_related("room").filter(member_key=key).first()
        )
        if conversation is None:
            conversation = _create(user, recipients, key, ids)
        elif conversation.state == Conversation.State.DECLINED:
            conversation.state = Conversation.State.REQUEST
            conversation.started_by = user
            conversation.requested_at_seq = conversation.room.last_seq
            conversation.decided_at = None
            conversation.decided_by = None
            conversation.save(
                update_fields=["state", "started_by", "requested_at_seq", "decided_at", "decided_by"]
            )
        elif conversation.state == Conversation.State.REQUEST and conversation.started_by_id != user.pk:
            # they asked first: writing back is accepting
            _decide(conversation, user, Conversation.State.OPEN)
        message, _created = message_post(
            user=user,
            room=conversation.room,
            body=body,
            client_id=client_id,
            attachments=attachments,
        )
    return conversation, message


def _create(user, recipients, key, ids):
    state = (
        Conversation.State.OPEN
        if _have_talked(user, ids - {user.pk})
        else Conversation.State.REQUEST
    )
    try:
        with transaction.atomic():
            room = Room.objects.create(kind=Room.Kind.DIRECT, title=_title([user, *recipients]))
            conversation = Conversation.objects.create(
                room=room, started_by=user, state=state, member_key=key
            )
            ConversationMember.objects.bulk_create(
                [ConversationMember(conversation=conversation, user_id=pk) for pk in sorted(ids)]
            )
    except IntegrityError:  # the same people started it a moment ago, in another request
        conversation = (
            Conversation.objects.select_for_update().select_related("room").filter(member_key=key).first()
        )
        if conversation is None:
            raise ActionError("unavailable", _("Please try again.")) from None
    return conversation


def _locked(user, conversation_id):
    conversation = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("room", "started_by")
        .filter(room_id=conversation_id)
        .first()
    )
    if conversation is None or user.pk not in conversation_member_ids(conversation):
        raise ActionError("not_found", _("This conversation does not exist."))
    return conversation


def _decide(conversation, user, state):
    conversation.state = state
    conversation.decided_at = timezone.now()
    conversation.decided_by = user
    conversation.save(update_fields=["state", "decided_at", "decided_by"])
    starter = conversation.started_by
    if starter is None or starter.pk == user.pk:
        return
    if state == Conversation.State.OPEN:
        title = gettext_noop("%(name)s accepted your request: the conversation is open")
    else:
        title = gettext_noop(
            "%(name)s is not taking up your conversation request. Thank you for understanding."
        )
    notification_create(
        recipient=starter,
        kind="direct_answer",
        title=title,
        params={"name": user.display_name},
        url=conversation.get_absolute_url(),
        actor=user,
    )


def conversation_accept(*, user, conversation_id):
    """A recipient opens a requested conversation; its writer is told."""
    with transaction.atomic():
        conversation = _locked(user, conversation_id)
        if conversation.state == Conversation.State.OPEN:
            return conversation
        if conversation.state != Conversation.State.REQUEST or conversation.started_by_id == user.pk:
            raise ActionError("conflict", _("This request has already been answered."))
        _decide(conversation, user, Conversation.State.OPEN)
    return conversation


def conversation_decline(*, user, conversation_id):
    """A recipient declines a request: nobody writes in it, and its writer may not ask again for a while."""
    with transaction.atomic():
        conversation = _locked(user, conversation_id)
        if conversation.state == Conversation.State.DECLINED:
            return conversation
        if conversation.state != Conversation.State.REQUEST or conversation.started_by_id == user.pk:
            raise ActionError("conflict", _("This request has already been answered."))
        _decide(conversation, user, Conversation.State.DECLINED)
        _mark_read(user, conversation)
    return conversation


def _mark_read(user, conversation):
    Notification.objects.filter(
        recipient=user,
        kind__in=NOTIFICATION_KINDS,
        url=conversation.get_absolute_url(),
        read_at__isnull=True,
    ).update(read_at=timezone.now())


def user_block(*, user, target):
    """`user` takes no more messages or notifications from `target`; their open request is declined."""
    if target is None or not (user and user.is_authenticated):
        raise ActionError("not_found", _("There is no such teacher."))
    if target.pk == user.pk:
        raise ActionError("invalid", _("You cannot block yourself."))
    with transaction.atomic():
        _block, created = Block.objects.get_or_create(blocker=user, blocked=target)
        pending = Conversation.objects.filter(
            state=Conversation.State.REQUEST,
            started_by=target,
            members__user=user,
        )
        for conversation_id in pending.values_list("room_id", flat=True):
            conversation = _locked(user, conversation_id)
            _decide(conversation, user, Conversation.State.DECLINED)
        Notification.objects.filter(recipient=user, actor=target, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return created


def user_unblock(*, user, target):
    if target is None or not (user and user.is_authenticated):
        raise ActionError("not_found", _("There is no such teacher."))
    return Block.objects.filter(blocker=user, blocked=target).delete()[0] > 0


def notify_direct(message):
    """A published message in a conversation: each other member who has not blocked its author
    gets one notification until they read it, and their unread count, live."""
    from community.discussions.selectors import unread_counts

    room = message.room
    conversation = room.conversation
    author = message.author
    others = conversation_member_ids(conversation) - {message.author_id}
    if not others:
        return
    blockers = set(
        Block.objects.filter(blocker_id__in=others, blocked_id=message.author_id).values_list(
            "blocker_id", flat=True
        )
    )
    url = conversation.get_absolute_url()
    waiting = set(
        Notification.objects.filter(
            recipient_id__in=others, kind__in=NOTIFICATION_KINDS, url=url, read_at__isnull=True
        ).values_list("recipient_id", flat=True)
    )
    from community.models import User

    markers = dict(
        ReadState.objects.filter(room=room, user_id__in=others).values_list("user_id", "last_read_seq")
    )
    for recipient in User.objects.filter(pk__in=others - blockers).select_related("profile"):
        if recipient.pk not in waiting:
            if conversation.state == Conversation.State.REQUEST:
                title = gettext_noop("%(name)s would like to start a conversation with you")
                kind = "direct_request"
            else:
                title = gettext_noop("%(name)s wrote to you")
                kind = "direct"
            notification_create(
                recipient=recipient,
                kind=kind,
                title=title,
                params={"name": author.display_name if author else ""},
                text=(message.body or "")[:200],
                url=url,
                actor=author,
            )
        send_user_frame(
            recipient.pk,
            {
                "type": "read",
                "room": room.pk,
                "upto": markers.get(recipient.pk, 0),
                "unread": unread_counts(recipient, [room]).get(room.pk, 0),
            },
        )
