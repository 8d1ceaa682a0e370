"""Learning record (settings.LEARNING_RECORD_SECTIONS) and personal data export (DATA_EXPORT_SECTIONS)."""

from django.utils.translation import gettext as _

from community.discussions.models import ConversationMember, Membership, Message


def record_section(user):
    """Communities the teacher leads or moderates (their role and since when)."""
    memberships = (
        Membership.objects.filter(
            user=user,
            state=Membership.State.ACTIVE,
            role__in=[Membership.Role.OWNER, Membership.Role.MODERATOR],
        )
        .select_related("community")
        .order_by("joined_at")
    )
    items = []
    for membership in memberships:
        community = membership.community
        if community.visibility != "public":
            continue  # the record is public: private communities stay out of it
        since = membership.joined_at or membership.created_at
        items.append(
            {
                "title": community.name,
                "url": community.get_absolute_url(),
                "date": since.date().isoformat(),
                "detail": _("Leads the community")
                if membership.role == "owner"
                else _("Moderates the community"),
            }
        )
    return {"key": "communities", "title": _("Communities led and moderated"), "items": items}


def export_section(user):
    """The user's memberships and messages, for "download my data"."""
    memberships = Membership.objects.filter(user=user).select_related("community")
    messages = Message.objects.filter(author=user).select_related("room").order_by("created_at")
    return {
        "key": "discussions",
        "data": {
            "memberships": [
                {
                    "community": m.community.name,
                    "role": m.role,
                    "state": m.state,
                    "joined_at": m.joined_at.isoformat() if m.joined_at else None,
                }
                for m in memberships
            ],
            "messages": [
                {
                    "room": m.room.title,
                    "created_at": m.created_at.isoformat(),
                    "edited_at": m.edited_at.isoformat() if m.edited_at else None,
                    "body": m.body,
                    "deleted": m.deleted_at is not None,
                }
                for m in messages
            ],
            "direct_conversations": _conversations(user),
        },
    }


def _conversations(user):
    """The user's direct conversations: who takes part and every message, as its members see it."""
    room_ids = list(
        ConversationMember.objects.filter(user=user).values_list("conversation__room_id", flat=True)
    )
    people = {}
    for row in ConversationMember.objects.filter(conversation__room_id__in=room_ids).select_related(
        "user__profile", "conversation"
    ):
        people.setdefault(row.conversation.room_id, []).append(row.user.display_name)
    threads = {room_id: [] for room_id in room_ids}
    for m in (
        Message.objects.filter(room_id__in=room_ids, status=Message.Status.PUBLISHED)
        .select_related("author__profile")
        .order_by("room_id", "seq")
    ):
        threads[m.room_id].append(
            {
                "author": m.author.display_name if m.author else None,
                "created_at": m.created_at.isoformat(),
                "body": "" if m.deleted_at else m.body,
                "deleted": m.deleted_at is not None,
            }
        )
    return [
        {"people": sorted(people.get(room_id, [])), "messages": threads[room_id]}
        for room_id in room_ids
    ]
