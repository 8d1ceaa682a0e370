"""Who may read and post in rooms and communities.

Rooms owned by other apps (e.g. projects) get their rules from a predicate
that app registers at start-up, so `community` never imports it:

    register_room_access("project", read=can_read_project_room, post=can_post_in_project_room)

Each predicate is called as `predicate(user, room)` and returns a bool.
"""

from community.permissions import can_contribute, is_staff

_room_access = {}


def register_room_access(kind, *, read, post):
    _room_access[kind] = {"read": read, "post": post}


def _registered(kind, action):
    rule = _room_access.get(kind)
    return rule[action] if rule else None


def can_read_room(user, room):
    if room.kind != "community":
        rule = _registered(room.kind, "read")
        return bool(rule and rule(user, room))
    # Community rooms: refined by the communities work (membership, visibility).
    return True


def can_post_in_room(user, room):
    if not can_contribute(user):
        return False
    if room.is_locked and not is_staff(user):
        return False
    if room.kind != "community":
        rule = _registered(room.kind, "post")
        return bool(rule and rule(user, room))
    return True
