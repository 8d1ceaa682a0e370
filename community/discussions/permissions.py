"""Who may read and post in rooms and communities: the single source of truth.

Rooms owned by other apps (e.g. projects) get their rules from a predicate
that app registers at start-up, so `community` never imports it:

    register_room_access("project", read=can_read_project_room, post=can_post_in_project_room)

Each predicate is called as `predicate(user, room)` and returns a bool. Optional ones:
`review(user, room)`, who sees the room's held posts as they arrive without moderating it (a
project's teachers see their pupils' posts); `reviewer_ids(room)`, the ids those are; and
`hold(user, room)`, a reason to hold a post for review before anyone else sees it, or None;
and `refusal(user, room)`, why the user may not post now (an ActionError) or None, in place of
`post` when the kind has its own words for it (direct conversations, `direct_permissions.py`).

Pupils (`User.is_pupil`) read and write only in the rooms their project's rule lets them: no
community room, public or private, and no direct conversation.

Communities: a public community and its rooms are readable by everyone,
visitors included; posting needs a verified teacher who has joined. A private
community is invisible (HTTP 404, never in search or the directory) except to
its active members, people it has invited or who asked to join, staff, and
ambassadors of its region. Teachers whose school is in a private community's
region may see its name and description and ask to join. Banned members never
read or post.
"""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from community.errors import ActionError
from community.permissions import (
    as_id,
    can_contribute,
    is_ambassador_of_region,
    is_pupil,
    is_staff,
)

_room_access = {}


def register_room_access(
    kind, *, read, post=None, review=None, reviewer_ids=None, hold=None, refusal=None
):
    if post is None and refusal is not None:
        post = lambda user, room: refusal(user, room) is None  # noqa: E731
    _room_access[kind] = {
        "read": read,
        "post": post,
        "refusal": refusal,
        "review": review,
        "reviewer_ids": reviewer_ids,
        "hold": hold,
    }


def _registered(kind, action):
    rule = _room_access.get(kind)
    return rule[action] if rule else None


# --- memberships (cached on the user object for one request / one frame) -----------


def membership_for(user, community):
    """The user's Membership in `community` (any state) or None. Cached on the user object."""
    if not (user and user.is_authenticated):
        return None
    cache = user.__dict__.setdefault("_tc_memberships", {})
    community_id = community.pk if hasattr(community, "pk") else community
    if community_id not in cache:
        from community.discussions.models import Membership

        cache[community_id] = Membership.objects.filter(
            community_id=community_id, user_id=user.pk
        ).first()
    return cache[community_id]


def prime_memberships(user, memberships):
    """Fill the cache from memberships already loaded (list pages)."""
    if user and user.is_authenticated:
        cache = user.__dict__.setdefault("_tc_memberships", {})
        for membership in memberships:
            cache[membership.community_id] = membership


def forget_memberships(user):
    if user is not None:
        user.__dict__.pop("_tc_memberships", None)


def _user_region_id(user):
    if not (user and user.is_authenticated):
        return None
    if "_tc_region_id" not in user.__dict__:
        from community.models import Profile

        user.__dict__["_tc_region_id"] = (
            Profile.objects.filter(user_id=user.pk)
            .values_list("school__region_id", flat=True)
            .first()
        )
    return user.__dict__["_tc_region_id"]


def is_active_member(user, community):
    membership = membership_for(user, community)
    return membership is not None and membership.state == "active"


def is_banned(user, community):
    membership = membership_for(user, community)
    return membership is not None and membership.state == "banned"


# --- communities -------------------------------------------------------------------


def can_moderate_community(user, community):
    """Moderators and owners of the community, staff, ambassadors of its region."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if is_staff(user) or is_ambassador_of_region(user, community.region_id):
        return True
    membership = membership_for(user, community)
    return membership is not None and membership.is_moderator


def can_view_community(user, community):
    if community.visibility == "public":
        return True
    if not (user and user.is_authenticated and user.is_active):
        return False
    if can_moderate_community(user, community):
        return True
    membership = membership_for(user, community)
    if membership is not None:
        return membership.state != "banned"
    return can_request_to_join(user, community)


def can_see_community_content(user, community):
    """Rooms, members and resources: public communities, or active members and moderators of private ones."""
    if community.visibility == "public":
        return not is_banned(user, community)
    return can_moderate_community(user, community) or is_active_member(user, community)


def can_join(user, community):
    """Join a public community at once: any confirmed teacher not already in it (verified or not)."""
    from community.permissions import is_teacher

    return (
        community.visibility == "public"
        and is_teacher(user)
        and membership_for(user, community) is None
    )


def can_request_to_join(user, community):
    """Ask to join a private community: verified teachers of its region (others are invited)."""
    if community.visibility != "private" or not can_contribute(user):
        return False
    if membership_for(user, community) is not None:
        return False
    return community.region_id is not None and _user_region_id(user) == community.region_id


def can_request(user, community):
    return can_request_to_join(user, community)


def can_leave(user, community):
    membership = membership_for(user, community)
    return membership is not None and membership.state in ("active", "pending")


def can_create_community(user):
    return can_contribute(user)


def can_edit_community(user, community):
    return can_moderate_community(user, community)


def can_invite(user, community):
    """Moderators invite to any community; active verified members may invite to public ones."""
    if can_moderate_community(user, community):
        return True
    return (
        community.visibility == "public"
        and can_contribute(user)
        and is_active_member(user, community)
    )


# --- rooms ------------------------------------------------------------------------------


def can_read_room(user, room):
    if room.kind != "community":
        rule = _registered(room.kind, "read")
        return bool(rule and rule(user, room))
    if is_pupil(user):
        return False
    community = room.community
    if community is None:
        return is_staff(user)
    if is_banned(user, community):
        return False
    if community.visibility == "public":
        return True
    return can_moderate_community(user, community) or is_active_member(user, community)


def post_refusal(user, room):
    """Why `user` may not post in `room` now (an ActionError), or None when they may."""
    if refusal := _registered(room.kind, "refusal"):
        return refusal(user, room)
    if is_pupil(user) and room.kind != "community":
        rule = _registered(room.kind, "post")
        if room.is_locked or not (rule and rule(user, room)):
            return ActionError("forbidden", _("You cannot post in this room."))
        return None
    if not can_contribute(user):
        if user and user.is_authenticated:
            return ActionError(
                "forbidden",
                _("Only verified teachers can post. An ambassador confirms your school."),
            )
        return ActionError("forbidden", _("Sign in to post."))
    if room.kind != "community":
        if room.is_locked and not is_staff(user):
            return ActionError("locked", _("This room is read-only."))
        rule = _registered(room.kind, "post")
        if not (rule and rule(user, room)):
            return ActionError("forbidden", _("You cannot post in this room."))
        return None
    community = room.community
    if community is None:
        return ActionError("forbidden", _("You cannot post in this room."))
    membership = membership_for(user, community)
    if membership is not None and membership.state == "banned":
        return ActionError("banned", _("You have been banned from this community."))
    moderator = can_moderate_community(user, community)
    if not moderator:
        if membership is None or membership.state != "active":
            if community.visibility == "public":
                return ActionError("forbidden", _("Join the community to post."))
            return ActionError("not_found", _("This room does not exist or is private."))
        if membership.muted_now():
            local = timezone.localtime(membership.muted_until)
            return ActionError(
                "muted",
                _("You are muted in this community until %(until)s (%(left)s left).")
                % {
                    "until": date_format(local, "DATETIME_FORMAT"),
                    "left": _time_left(membership.muted_until),
                },
            )
    if room.is_locked and not moderator:
        return ActionError("locked", _("This room is read-only."))
    return None


def _time_left(until):
    seconds = max(0, int((until - timezone.now()).total_seconds()))
    if seconds >= 3600:
        hours, rest = divmod(seconds, 3600)
        return _("%(h)d h %(m)d min") % {"h": hours, "m": rest // 60}
    if seconds >= 60:
        return _("%(m)d min") % {"m": (seconds + 59) // 60}
    return _("%(s)d s") % {"s": seconds}


def can_post_in_room(user, room):
    return post_refusal(user, room) is None


def can_moderate_room(user, room):
    if room.kind == "community" and room.community is not None:
        return can_moderate_community(user, room.community)
    return is_staff(user)


def can_edit_message(user, message):
    return bool(
        user
        and user.is_authenticated
        and message.author_id == user.pk
        and message.deleted_at is None
        and not approved_post_frozen(user, message)
    )


def approved_post_frozen(user, message):
    """A post that was held for review by the room's rule and then approved (a pupil's, in a
    pre-moderated project) keeps its approved text: an edit would reach the others unreviewed."""
    return message.status == "published" and bool(hold_reason(user, message.room))


def can_delete_message(user, message):
    if message.deleted_at is not None or not (user and user.is_authenticated):
        return False
    return message.author_id == user.pk or can_moderate_room(user, message.room)


def can_review_room(user, room):
    """Sees the room's held and refused posts: its moderators, and whoever the room's app names."""
    if can_moderate_room(user, room):
        return True
    rule = _registered(room.kind, "review")
    return bool(rule and user and user.is_authenticated and rule(user, room))


def room_reviewer_ids(room):
    """The ids of the people (besides moderators) who get the room's held posts live."""
    rule = _registered(room.kind, "reviewer_ids")
    return set(rule(room)) if rule else set()


def hold_reason(user, room):
    """Why the room's app holds `user`'s post for review (a pupil's, before their teacher approves)."""
    rule = _registered(room.kind, "hold")
    return rule(user, room) if rule else None


def can_see_message(user, message):
    """Held and rejected posts: only their author, the room's moderators and its reviewers."""
    if message.status == "published":
        return True
    return (user and user.is_authenticated and message.author_id == user.pk) or can_review_room(
        user, message.room
    )


# --- the access layer --------------------------------------------------------------------
# One fetch-and-check for every transport: views (through `community.errors.http_errors`),
# the consumer (as an `error` frame) and services all ask here. The answer is the object, or
# ActionError: `not_found` when it is missing or the user may not know of it (a private room
# answers exactly like a missing one), `forbidden` when the user sees it but may not do
# `need` with it. `lock=True` takes the row lock, for a change inside a transaction.


def _maybe_locked(queryset, lock):
    return queryset.select_for_update(of=("self",)) if lock else queryset


def _refused(need, subject):
    """The `forbidden` sentence for `need` on a community, room or message."""
    sentences = {
        "moderate": _("You do not moderate this community."),
        "edit": _("You may not change this."),
        "delete": _("You may not delete this message."),
        "invite": _("You may not invite people here."),
        "content": _("Join this community to see its rooms."),
    }
    if subject._meta.model_name == "community" and need == "edit":
        sentence = _("Only the community's moderators can change it.")
    else:
        sentence = sentences.get(need, _("You may not do this here."))
    return ActionError("forbidden", sentence, ref=subject.pk)


COMMUNITY_NEEDS = {
    "view": can_view_community,
    "content": can_see_community_content,
    "moderate": can_moderate_community,
    "edit": can_edit_community,
    "invite": can_invite,
}


def access_community(user, ref=None, *, slug=None, need="view", lock=False):
    """The community by id (`ref`) or `slug`, if `user` may know of it and do `need`."""
    from community.discussions.models import Community

    missing = ActionError(
        "not_found", _("This community does not exist or is private."), ref=ref or slug
    )
    queryset = Community.objects.select_related("region__country", "language")
    if slug is not None:
        queryset = queryset.filter(slug=slug)
    elif (pk := as_id(ref)) is not None:
        queryset = queryset.filter(pk=pk)
    else:
        raise missing
    community = _maybe_locked(queryset, lock).first()
    if community is None or not can_view_community(user, community):
        raise missing
    if not COMMUNITY_NEEDS[need](user, community):
        raise _refused(need, community)
    return community


ROOM_NEEDS = {
    "read": can_read_room,
    "moderate": can_moderate_room,
    "review": can_review_room,
}


def access_room(user, ref, *, need="read", lock=False):
    """The room `ref` (an id), if `user` may read it and do `need`. Posting is not a need
    here: `post_refusal` says why not (muted, locked, slow mode) in the words the composer shows."""
    from community.discussions.models import Room

    missing = ActionError("not_found", _("This room does not exist or is private."), ref=ref)
    pk = as_id(ref)
    if pk is None:
        raise missing
    queryset = Room.objects.select_related("community__region", "community__language").filter(pk=pk)
    room = _maybe_locked(queryset, lock).first()
    if room is None or not _may_know_room(user, room, need):
        raise missing
    if not ROOM_NEEDS[need](user, room):
        raise _refused(need, room)
    return room


MESSAGE_NEEDS = {
    "see": lambda user, message: True,
    "edit": can_edit_message,
    "delete": can_delete_message,
    "moderate": lambda user, message: can_moderate_room(user, message.room),
}


def access_message(user, ref, *, need="see", lock=False):
    """The message `ref` (an id), with its room, if `user` may see it and do `need`.

    A held or refused post is seen only by its author and the room's reviewers; to everyone
    else it does not exist, like a message of a room they may not read."""
    from community.discussions.models import Message

    missing = ActionError("not_found", _("This message does not exist or is private."), ref=ref)
    pk = as_id(ref)
    if pk is None:
        raise missing
    queryset = (
        Message.objects.select_related("room__community", "author__profile", "reply_to")
        .prefetch_related("reactions", "attachments")
        .filter(pk=pk)
    )
    message = _maybe_locked(queryset, lock).first()
    if message is None or not _may_see(user, message, need):
        raise missing
    if not MESSAGE_NEEDS[need](user, message):
        raise _refused(need, message)
    return message


def _may_know_room(user, room, need):
    """Its readers know of a room; so do its moderators when they come to moderate it, such as
    staff acting on a reported direct message, in a conversation they do not read."""
    if can_read_room(user, room):
        return True
    return need == "moderate" and can_moderate_room(user, room)


def _may_see(user, message, need="see"):
    return _may_know_room(user, message.room, need) and can_see_message(user, message)


def access_attachment(user, ref):
    """An attachment of a message `user` may see, or `not_found`: the same answer for a file of
    a private room, of a held post and of a removed message (whose files are gone for all)."""
    from community.discussions.models import Attachment

    missing = ActionError("not_found", _("This file does not exist or is private."), ref=ref)
    pk = as_id(ref)
    if pk is None:
        raise missing
    attachment = Attachment.objects.select_related("message__room__community").filter(pk=pk).first()
    if attachment is None:
        raise missing
    message = attachment.message
    if message.deleted_at is not None or message.hidden_at is not None:
        raise missing
    if not _may_see(user, message):
        raise missing
    return attachment


# --- what a viewer may do with a message -------------------------------------------------
# Decided once, here: the room page's rows (views.room_context, read by _message.html) and, for
# messages that arrive over the socket, static/js/room/render.js's messageActions(), which
# applies this same rule to the same RoomCaps put on the page by _room.html (data-user-id,
# data-can-post, data-moderator, data-pupil, data-edits-frozen). Change the two together.


@dataclass(frozen=True)
class RoomCaps:
    """What the viewer may do in the room as a whole, computed once per page or socket."""

    user_id: int | None  # None for a visitor
    can_post: bool  # post, reply and react now (not muted, banned, locked out)
    moderates: bool
    is_pupil: bool
    edits_frozen: bool  # their posts are held here for review: once approved, kept as approved


_ASK = object()


def viewer_room_caps(viewer, room, *, refusal=_ASK):
    """The RoomCaps of `viewer` in `room`; pass `refusal` when post_refusal was asked already."""
    signed_in = bool(viewer and viewer.is_authenticated)
    if refusal is _ASK:
        refusal = post_refusal(viewer, room) if signed_in else None
    return RoomCaps(
        user_id=viewer.pk if signed_in else None,
        can_post=signed_in and refusal is None,
        moderates=can_moderate_room(viewer, room),
        is_pupil=is_pupil(viewer),
        edits_frozen=signed_in and bool(hold_reason(viewer, room)),
    )


@dataclass(frozen=True)
class MessageActions:
    see_body: bool  # the text and files (a hidden message: its author only)
    reply: bool
    react: bool
    edit: bool
    delete: bool  # one's own; someone else's is removed with a reason, through `moderate`
    moderate: bool  # the moderation page of someone else's message
    report: bool  # a pupil tells their teacher instead

    @property
    def any(self):
        return self.reply or self.react or self.edit or self.delete or self.moderate or self.report


def message_actions(message, *, room_caps):
    """What the viewer of `room_caps` may do with `message` (one of the room's, that they see)."""
    caps = room_caps
    signed_in = caps.user_id is not None
    own = signed_in and message.author_id == caps.user_id
    removed = message.deleted_at is not None
    hidden = message.hidden_at is not None
    published = message.status == "published"
    open_to_all = published and not removed and not hidden
    return MessageActions(
        see_body=not removed and (not hidden or own),
        reply=caps.can_post and open_to_all,
        react=caps.can_post and open_to_all,
        edit=own and not removed and not hidden and not (published and caps.edits_frozen),
        delete=own and not removed,
        moderate=signed_in and caps.moderates and not own and not removed,
        report=signed_in and not caps.is_pupil and not own and not removed,
    )
