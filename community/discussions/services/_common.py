"""Helpers shared by the discussion services (not a public API)."""

from django.db.models import Q

from community.discussions.models import Membership
from community.realtime import broadcast_room_frame, send_user_frame


def moderator_ids(community):
    """User ids of the community's moderators and owners, and the ambassadors of its region."""
    from community.models import Ambassadorship

    ids = set(
        Membership.objects.filter(
            community=community,
            state=Membership.State.ACTIVE,
            role__in=[Membership.Role.MODERATOR, Membership.Role.OWNER],
        ).values_list("user_id", flat=True)
    )
    if community.region_id:
        ids.update(
            Ambassadorship.objects.filter(region_id=community.region_id).values_list(
                "user_id", flat=True
            )
        )
    return ids


def room_moderator_ids(room):
    """Who gets the room's held posts live: the community's moderators, or the reviewers the
    room's app names (a project's teachers)."""
    if room.kind == "community" and room.community_id:
        return moderator_ids(room.community)
    from community.discussions.permissions import room_reviewer_ids

    return room_reviewer_ids(room)


def announce_message_frame(message, frame):
    """Published messages go to the room; held ones only to their author and the moderators."""
    if message.status == "published":
        broadcast_room_frame(message.room_id, frame)
        return
    recipients = room_moderator_ids(message.room)
    for user_id in recipients - {message.author_id}:
        send_user_frame(user_id, frame)
    if message.author_id:
        # The author's own copy, as the ack carries it: with the post's client_id, so a tab that
        # receives it before the ack replaces its "Sending…" line instead of showing two copies.
        send_user_frame(message.author_id, _authors_copy(message, frame))


def _authors_copy(message, frame):
    if not isinstance(frame.get("message"), dict):
        return frame  # a reaction frame names the message by id: nothing author-only in it
    from community.discussions.serializers import serialize_message

    return {**frame, "message": serialize_message(message, viewer=message.author)}


def active_membership_q(user):
    return Q(memberships__user=user, memberships__state=Membership.State.ACTIVE)
