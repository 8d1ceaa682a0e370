"""Who reads and writes direct conversations: only their members.

No staff, ambassador or moderator reads a conversation. A reported message reaches the
ambassadors of the reporter's region through the report, with the few messages around it
(community.moderation), never the room. A direct conversation is a room of kind `direct`,
registered with the room rules of `permissions` like any other app's rooms: its read rule and
its refusal (why a member may not write now: a request not yet answered, a block).
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community.discussions.models import Block, Conversation
from community.discussions.permissions import register_room_access
from community.errors import ActionError
from community.permissions import can_contribute, is_teacher


def conversation_of(room):
    """The Conversation of a `direct` room, or None."""
    if room is None or room.kind != "direct":
        return None
    try:
        return room.conversation
    except Conversation.DoesNotExist:
        return None


def conversation_member_ids(conversation):
    """The ids of the conversation's members (cached on the conversation object)."""
    if "_tc_member_ids" not in conversation.__dict__:
        conversation.__dict__["_tc_member_ids"] = set(
            conversation.members.values_list("user_id", flat=True)
        )
    return conversation.__dict__["_tc_member_ids"]


def can_read_direct_room(user, room):
    if not (user and user.is_authenticated and user.is_active):
        return False
    conversation = conversation_of(room)
    return conversation is not None and user.pk in conversation_member_ids(conversation)


def blocks_between(user, other_ids):
    """(ids `user` blocked, ids that blocked `user`) among `other_ids`."""
    other_ids = set(other_ids)
    if not (user and user.is_authenticated) or not other_ids:
        return set(), set()
    rows = Block.objects.filter(
        Q(blocker_id=user.pk, blocked_id__in=other_ids)
        | Q(blocker_id__in=other_ids, blocked_id=user.pk)
    ).values_list("blocker_id", "blocked_id")
    mine, theirs = set(), set()
    for blocker_id, blocked_id in rows:
        if blocker_id == user.pk:
            mine.add(blocked_id)
        else:
            theirs.add(blocker_id)
    return mine, theirs


def has_blocked(user, other):
    return bool(other is not None and other.pk in blocks_between(user, [other.pk])[0])


def direct_post_refusal(user, room):
    """Why `user` may not write in the direct conversation `room` now, or None."""
    conversation = conversation_of(room)
    if conversation is None or not can_read_direct_room(user, room):
        return ActionError("not_found", _("This conversation does not exist."))
    if not is_teacher(user):
        return ActionError("forbidden", _("Confirm your e-mail address to write."))
    if conversation.state == "declined":
        return ActionError("forbidden", _("This conversation request was declined."))
    if conversation.state == "request":
        if conversation.started_by_id != user.pk:
            return ActionError("forbidden", _("Accept the request to reply."))
        if room.last_seq > conversation.requested_at_seq:
            return ActionError(
                "forbidden",
                _("Your request is waiting for an answer: you can write more once it is accepted."),
            )
    mine, theirs = blocks_between(user, conversation_member_ids(conversation) - {user.pk})
    if mine:
        return ActionError(
            "forbidden", _("You blocked someone in this conversation: unblock them to write here.")
        )
    if theirs:
        return ActionError("forbidden", _("You cannot write in this conversation."))
    return None


def message_refusal(user, recipients):
    """Why `user` may not start a conversation with `recipients` (users), or None."""
    if not (user and user.is_authenticated):
        return ActionError("forbidden", _("Sign in to write to a teacher."))
    if not can_contribute(user):
        return ActionError(
            "forbidden",
            _(
                "Only verified teachers can start a conversation. An ambassador confirms your school."
            ),
        )
    recipients = [other for other in recipients if other is not None]
    if not recipients:
        return ActionError("invalid", _("Choose at least one teacher to write to."), ref="to")
    limit = settings.DIRECT_MESSAGES_MAX_MEMBERS - 1
    if len({other.pk for other in recipients}) > limit:
        return ActionError(
            "invalid",
            _("A conversation has at most %(n)d people besides you.") % {"n": limit},
            ref="to",
        )
    for other in recipients:
        if other.pk == user.pk:
            return ActionError("invalid", _("You cannot write to yourself."), ref="to")
        if not is_teacher(other):
            return ActionError("not_found", _("There is no such teacher."), ref="to")
    names = {other.pk: other.display_name for other in recipients}
    mine, theirs = blocks_between(user, names)
    if mine:
        return ActionError(
            "forbidden",
            _("You blocked %(name)s. Unblock them on their profile to write to them.")
            % {"name": names[min(mine)]},
            ref="to",
        )
    if theirs:
        return ActionError(
            "forbidden",
            _("%(name)s does not take messages from you.") % {"name": names[min(theirs)]},
            ref="to",
        )
    since = timezone.now() - timedelta(days=settings.DIRECT_MESSAGES_DECLINE_DAYS)
    declined = (
        Conversation.objects.filter(
            state=Conversation.State.DECLINED,
            started_by_id=user.pk,
            decided_at__gte=since,
            decided_by_id__in=names,
        )
        .order_by("-decided_at")
        .first()
    )
    if declined is not None:
        again = timezone.localtime(
            declined.decided_at + timedelta(days=settings.DIRECT_MESSAGES_DECLINE_DAYS)
        )
        return ActionError(
            "forbidden",
            _("%(name)s declined your last request. You can write to them again from %(date)s.")
            % {
                "name": names.get(declined.decided_by_id, ""),
                "date": date_format(again.date(), "DATE_FORMAT"),
            },
            ref="to",
        )
    return None


def can_message(user, other):
    return message_refusal(user, [other]) is None


register_room_access("direct", read=can_read_direct_room, refusal=direct_post_refusal)
