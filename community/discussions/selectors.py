"""Every non-trivial read for communities, rooms, messages and notifications.

Querysets come with their related rows loaded, so templates and the consumer
(through database_sync_to_async) never load lazily.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from community.discussions.models import (
    Community,
    Membership,
    Message,
    Notification,
    ReadState,
    Room,
)
from community.discussions.permissions import can_review_room, prime_memberships
from community.permissions import ambassador_region_ids, is_staff


def _messages_base():
    return Message.objects.select_related("author__profile").prefetch_related(
        "reactions", "attachments"
    )


def visible_messages(room, viewer):
    """Messages of `room` that `viewer` may see: published ones, plus their own held posts;
    moderators and the room's reviewers see all."""
    qs = _messages_base().filter(room=room)
    if can_review_room(viewer, room):
        return qs
    if viewer is not None and viewer.is_authenticated:
        return qs.filter(Q(status=Message.Status.PUBLISHED) | Q(author=viewer))
    return qs.filter(status=Message.Status.PUBLISHED)


def room_messages(room, *, viewer, before_seq=None, limit=50, around_seq=None):
    """A page of messages in seq order: the latest, or those before `before_seq`.

    Returns (messages, has_older). `around_seq` shows the page that contains that seq.
    """
    qs = visible_messages(room, viewer)
    if around_seq is not None:
        before_seq = around_seq + limit // 2
    if before_seq is not None:
        qs = qs.filter(seq__lt=before_seq)
    page = list(qs.order_by("-seq")[: limit + 1])
    has_older = len(page) > limit
    page = page[:limit]
    page.reverse()
    for message in page:
        message.room = room
    return page, has_older


def messages_since(room, *, viewer, since_seq, limit):
    """Messages after `since_seq` in order: (messages, complete). complete=False when more remain."""
    qs = visible_messages(room, viewer).filter(seq__gt=since_seq).order_by("seq")
    page = list(qs[: limit + 1])
    complete = len(page) <= limit
    page = page[:limit]
    for message in page:
        message.room = room
    return page, complete


def message_newer_exists(room, *, viewer, after_seq):
    return visible_messages(room, viewer).filter(seq__gt=after_seq).exists()


# --- communities -------------------------------------------------------------------------


def communities_visible_to(user):
    """Communities `user` may see listed: public ones, and private ones they belong to or moderate."""
    qs = Community.objects.all()
    if is_staff(user):
        return qs
    condition = Q(visibility=Community.Visibility.PUBLIC)
    if user is not None and user.is_authenticated:
        condition |= Q(
            pk__in=Membership.objects.filter(user=user)
            .exclude(state=Membership.State.BANNED)
            .values("community_id")
        )
        regions = ambassador_region_ids(user)
        if regions:
            condition |= Q(region_id__in=regions)
    return qs.filter(condition)


def _with_counts(qs):
    members = (
        Membership.objects.filter(community=OuterRef("pk"), state=Membership.State.ACTIVE)
        .order_by()
        .values("community")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(member_count=Coalesce(Subquery(members), Value(0)))


def community_directory(
    *, user, topic=None, region=None, language=None, q=None, page=1, sort="activity"
):
    """A page of the directory (a Paginator page) with member_count annotated; a fixed number of queries."""
    qs = communities_visible_to(user).select_related("region__country", "language")
    if topic:
        qs = qs.filter(topic=topic)
    if region:
        qs = qs.filter(region_id=region)
    if language:
        qs = qs.filter(language_id=language)
    if q:
        ids = _search_ids(q, qs)
        qs = qs.filter(pk__in=ids)
    qs = _with_counts(qs)
    qs = (
        qs.order_by("name")
        if sort == "name"
        else qs.order_by(F("last_activity_at").desc(nulls_last=True), "name")
    )
    paginator = Paginator(qs, settings.DISCUSSIONS_DIRECTORY_PAGE_SIZE)
    page_obj = paginator.get_page(page)
    if user is not None and user.is_authenticated:
        prime = {
            m.community_id: m
            for m in Membership.objects.filter(user=user, community__in=list(page_obj))
        }
        for community in page_obj:
            community.my_membership = prime.get(community.pk)
        prime_memberships(user, prime.values())
    return page_obj


def _search_ids(q, qs):
    from wagtail.search.backends import get_search_backend

    try:
        results = get_search_backend().search(q, qs.model.objects.all(), operator="and")
        ids = [c.pk for c in results[:500]]
    except Exception:  # noqa: BLE001 - a malformed search query must not break the directory
        ids = []
    fallback = list(
        qs.filter(Q(name__icontains=q) | Q(description__icontains=q)).values_list("pk", flat=True)[
            :500
        ]
    )
    return set(ids) | set(fallback)


def rooms_with_unread(community, *, user):
    """The community's rooms in order, each with `unread` for `user` (0 for visitors)."""
    rooms = list(community.rooms.order_by("position", "id"))
    counts = unread_counts(user, rooms)
    for room in rooms:
        room.community = community
        room.unread = counts.get(room.pk, 0)
    return rooms


#: An unread count stops here: the badge shows "99+" (a room of a million messages never read
#: costs a hundred rows, not a million).
UNREAD_CAP = 100


def unread_counts(user, rooms):
    """{room_id: unread published messages by others after the user's read marker}, each at most
    UNREAD_CAP. Two queries, each reading at most UNREAD_CAP messages per room (by `seq`)."""
    if user is None or not user.is_authenticated or not rooms:
        return {}
    last_seqs = {room.pk: room.last_seq for room in rooms}
    read = dict(
        ReadState.objects.filter(user=user, room_id__in=last_seqs).values_list(
            "room_id", "last_read_seq"
        )
    )
    windows = Q()
    truncated = set()
    for room_id, last_seq in last_seqs.items():
        start = read.get(room_id, 0)
        if last_seq - start > UNREAD_CAP:
            truncated.add(room_id)
            start = last_seq - UNREAD_CAP
        if last_seq > start:
            windows |= Q(room_id=room_id, seq__gt=start, seq__lte=last_seq)
    if not windows:
        return {}
    rows = (
        Message.objects.filter(windows, status=Message.Status.PUBLISHED, deleted_at__isnull=True)
        .exclude(author=user)
        .values("room_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Past the cap, some of the older unread messages were not counted: say "at least the cap".
    return {
        row["room_id"]: UNREAD_CAP if row["room_id"] in truncated else row["n"] for row in rows
    }


def unread_total(user):
    """Unread messages across the rooms of the user's active communities."""
    if user is None or not user.is_authenticated:
        return 0
    rooms = list(
        Room.objects.filter(
            community__memberships__user=user, community__memberships__state=Membership.State.ACTIVE
        ).only("id", "last_seq")
    )
    return sum(unread_counts(user, rooms).values())


def community_members(community, *, limit=None):
    qs = (
        Membership.objects.filter(community=community, state=Membership.State.ACTIVE)
        .select_related("user__profile__school")
        .order_by("-role", "joined_at", "id")
    )
    return list(qs[:limit]) if limit else qs


def community_moderators(community):
    return list(
        community_members(community).filter(
            role__in=[Membership.Role.MODERATOR, Membership.Role.OWNER]
        )
    )


def community_page(community, *, user, member_limit=24):
    """Everything the community page shows, in a bounded number of queries."""
    members = community_members(community, limit=member_limit)
    member_count = Membership.objects.filter(
        community=community, state=Membership.State.ACTIVE
    ).count()
    moderators = community_moderators(community)
    pending = []
    from community.discussions.permissions import can_moderate_community

    if can_moderate_community(user, community):
        pending = list(
            Membership.objects.filter(
                community=community, state=Membership.State.PENDING
            ).select_related("user__profile")
        )
    return {
        "rooms": rooms_with_unread(community, user=user),
        "members": members,
        "member_count": member_count,
        "moderators": moderators,
        "pending": pending,
        "resources": community.featured_resource_list(),
    }


def user_communities(user):
    if user is None or not user.is_authenticated:
        return Community.objects.none()
    return Community.objects.filter(
        memberships__user=user, memberships__state=Membership.State.ACTIVE
    ).select_related("region__country", "language")


def active_communities(limit=6):
    return list(
        _with_counts(Community.objects.filter(visibility=Community.Visibility.PUBLIC))
        .select_related("language")
        .order_by("-last_activity_at")[:limit]
    )


# --- notifications -------------------------------------------------------------------------


def notifications_for(user):
    return (
        Notification.objects.filter(recipient=user)
        .select_related("actor__profile")
        .order_by("-created_at", "-id")
    )


def unread_notification_count(user):
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


MENTION_SUGGESTIONS = 8


def mention_candidates(room, prefix, *, limit=MENTION_SUGGESTIONS):
    """People who may be @mentioned in `room` whose handle or display name (or a word of it)
    starts with `prefix`, any case: a community room's active members, a project room's
    accepted partners. Handle matches first, then by name. Never matched on the e-mail address.
    One query; `user.display_name` reads the loaded profile."""
    from django.db.models import Case, IntegerField, When

    from community.models import User

    prefix = (prefix or "").strip().lstrip("@")
    if not prefix:
        return []
    if room.kind == "community" and room.community_id:
        people = User.objects.filter(
            memberships__community_id=room.community_id, memberships__state=Membership.State.ACTIVE
        )
    elif room.kind == "project" and room.owner_id:
        # the projects app's Partnership (related_name on the user); no import of that app here
        people = User.objects.filter(
            project_partnerships__project_id=room.owner_id, project_partnerships__status="accepted"
        )
    else:
        return []
    by_handle = Q(username__istartswith=prefix)
    by_name = (
        Q(profile__display_name__istartswith=prefix)
        | Q(profile__display_name__icontains=f" {prefix}")
        | Q(profile__display_name__icontains=f"-{prefix}")
    )
    # without a profile name the display name is the full name (User.display_name)
    by_full_name = (Q(profile__isnull=True) | Q(profile__display_name="")) & (
        Q(first_name__istartswith=prefix) | Q(last_name__istartswith=prefix)
    )
    rows = (
        people.filter(is_active=True)
        .filter(by_handle | by_name | by_full_name)
        .annotate(
            handle_first=Case(When(by_handle, then=0), default=1, output_field=IntegerField())
        )
        .select_related("profile")
        .order_by("handle_first", "profile__display_name", "username", "pk")[:limit]
    )
    return [{"handle": user.handle, "name": user.display_name} for user in rows]


# --- direct conversations --------------------------------------------------------------------


def conversations_for(user, *, limit=100):
    """The user's conversations, most recent first: [{conversation, others, last, unread,
    incoming_request, waiting}]. Four queries whatever their number."""
    from community.discussions.models import Conversation, ConversationMember

    if user is None or not user.is_authenticated:
        return []
    conversations = list(
        Conversation.objects.filter(members__user=user)
        .select_related("room")
        .annotate(
            last_at=Subquery(
                Message.objects.filter(room_id=OuterRef("room_id"))
                .order_by("-seq")
                .values("created_at")[:1]
            )
        )
        .order_by(F("last_at").desc(nulls_last=True), "-created_at")[:limit]
    )
    if not conversations:
        return []
    members = {}
    for row in ConversationMember.objects.filter(
        conversation__in=conversations
    ).select_related("user__profile"):
        members.setdefault(row.conversation_id, []).append(row.user)
    last_q = Q()
    for conversation in conversations:
        conversation.__dict__["_tc_member_ids"] = {u.pk for u in members.get(conversation.pk, [])}
        if conversation.room.last_seq:
            last_q |= Q(room_id=conversation.room_id, seq=conversation.room.last_seq)
    last = {}
    if last_q:
        for message in Message.objects.filter(last_q).select_related("author__profile"):
            last[message.room_id] = message
    unread = unread_counts(user, [c.room for c in conversations])
    rows = []
    for conversation in conversations:
        state = conversation.state
        rows.append(
            {
                "conversation": conversation,
                "others": [u for u in members.get(conversation.pk, []) if u.pk != user.pk],
                "last": last.get(conversation.room_id),
                "unread": unread.get(conversation.room_id, 0),
                "incoming_request": state == Conversation.State.REQUEST
                and conversation.started_by_id != user.pk,
                "waiting": state == Conversation.State.REQUEST
                and conversation.started_by_id == user.pk,
                "declined": state == Conversation.State.DECLINED,
            }
        )
    return rows


def conversation_people(conversation, user):
    """The other members of a conversation, with their profiles."""
    from community.models import User

    return list(
        User.objects.filter(conversation_memberships__conversation=conversation)
        .exclude(pk=user.pk)
        .select_related("profile__school__region")
        .order_by("first_name", "last_name", "pk")
    )
