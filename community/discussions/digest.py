"""The digest's section for communities (settings.DIGEST_SECTIONS): unread messages in the
teacher's rooms with their first lines, replies and mentions, join requests to decide and
invitations to answer. Everything is read at sending time through the rooms' access rules."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from community.discussions.models import Membership, Message, Room
from community.discussions.permissions import can_moderate_community, can_read_room
from community.discussions.selectors import unread_counts

ROOMS = 10  # at most this many rooms with unread messages
LINES = 3  # the newest messages quoted per room
MENTIONS = 10


def _line(message, length=140):
    text = " ".join((message.body or "").split())
    if len(text) > length:
        text = text[: length - 1] + "…"
    author = message.author.display_name if message.author else _("Someone")
    return f"{author}: {text}"


def _visible(qs):
    return qs.filter(
        status=Message.Status.PUBLISHED, deleted_at__isnull=True, hidden_at__isnull=True
    )


def _unread_rooms(user, since):
    rooms = [
        room
        for room in Room.objects.filter(
            community__memberships__user=user,
            community__memberships__state=Membership.State.ACTIVE,
        ).select_related("community")
        if can_read_room(user, room)
    ]
    # direct conversations, unread like rooms (the reader is a member of each)
    rooms += list(
        Room.objects.filter(kind=Room.Kind.DIRECT, conversation__members__user=user).exclude(
            conversation__state="declined"
        )
    )
    counts = unread_counts(user, rooms)
    busiest = sorted(
        (room for room in rooms if counts.get(room.pk)), key=lambda r: -counts[r.pk]
    )[:ROOMS]
    items = []
    for room in busiest:
        newest = list(
            _visible(room.messages.filter(created_at__gt=since))
            .exclude(author=user)
            .select_related("author__profile")
            .order_by("-seq")[:LINES]
        )
        if not newest:
            continue  # unread, but already told in an earlier digest
        count = counts[room.pk]
        items.append(
            {
                "title": f"{room.community.name} · {room.title}"
                if room.community is not None
                else _("Conversation with %(names)s")
                % {"names": ", ".join(dict.fromkeys(m.author.display_name for m in newest if m.author))},
                "url": room.get_absolute_url(),
                "detail": ngettext(
                    "%(count)s unread message", "%(count)s unread messages", count
                )
                % {"count": "99+" if count >= 100 else count},
                "lines": [_line(m) for m in reversed(newest)],
            }
        )
    return items


def _replies_and_mentions(user, since):
    handle = f"@{user.username}"
    candidates = (
        _visible(Message.objects.filter(created_at__gt=since))
        .filter(Q(reply_to__author=user) | Q(body__icontains=handle))
        .exclude(author=user)
        .select_related("room__community", "author__profile", "reply_to")
        .order_by("-created_at")[: MENTIONS * 3]
    )
    items = []
    for message in candidates:
        if not can_read_room(user, message.room):
            continue
        replied = message.reply_to is not None and message.reply_to.author_id == user.pk
        name = message.author.display_name if message.author else _("Someone")
        items.append(
            {
                "title": (
                    _("%(name)s replied to you in %(room)s")
                    if replied
                    else _("%(name)s mentioned you in %(room)s")
                )
                % {"name": name, "room": message.room.title},
                "url": message.get_absolute_url(),
                "detail": "",
                "lines": [_line(message)],
            }
        )
        if len(items) >= MENTIONS:
            break
    return items


def _requests_to_decide(user):
    moderated = Membership.objects.filter(
        user=user,
        state=Membership.State.ACTIVE,
        role__in=[Membership.Role.MODERATOR, Membership.Role.OWNER],
    ).values("community_id")
    regions = user.ambassadorships.values("region_id")
    pending = (
        Membership.objects.filter(state=Membership.State.PENDING)
        .filter(Q(community_id__in=moderated) | Q(community__region_id__in=regions))
        .select_related("community", "user__profile")
    )
    items = []
    by_community = {}
    for row in pending.order_by("community_id", "created_at")[:200]:
        by_community.setdefault(row.community, []).append(row)
    for community, rows in by_community.items():
        if not can_moderate_community(user, community):
            continue
        items.append(
            {
                "title": ngettext(
                    "%(count)s teacher asks to join %(community)s",
                    "%(count)s teachers ask to join %(community)s",
                    len(rows),
                )
                % {"count": len(rows), "community": community.name},
                "url": reverse("discussions:community_members", args=[community.slug]),
                "detail": ", ".join(row.user.display_name for row in rows[:5]),
                "lines": [],
            }
        )
    return items


def _invitations(user):
    return [
        {
            "title": _("%(name)s invites you to join %(community)s")
            % {
                "name": row.invited_by.display_name if row.invited_by else _("Someone"),
                "community": row.community.name,
            },
            "url": reverse("discussions:invitation", args=[row.pk]),
            "detail": "",
            "lines": [],
        }
        for row in Membership.objects.filter(user=user, state=Membership.State.INVITED)
        .select_related("community", "invited_by__profile")
        .order_by("-created_at")[:10]
    ]


def digest_section(user, *, since, until):
    items = (
        _replies_and_mentions(user, since)
        + _requests_to_decide(user)
        + _invitations(user)
        + _unread_rooms(user, since)
    )
    return {"key": "communities", "title": _("In your communities"), "items": items}
