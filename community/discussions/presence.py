"""Who is online in a community, who is typing in a room: kept in the cache.

The cache is Redis when REDIS_URL is set, so every Daphne process sees the
same state; nothing lives in process memory. Entries are per socket (a user
with two tabs stays online until both close) and carry their own expiry, so a
crashed process's sockets drop out after DISCUSSIONS_PRESENCE_TTL seconds;
live sockets refresh theirs on every client ping (room.js pings every 25 s).

Updates are read-modify-write on one cache key per community/room. Two
processes writing at the same instant can lose one entry; the next ping of
that socket restores it, so the list is right again within one ping interval.
These functions are sync (cache and ORM); the consumer calls them through
database_sync_to_async.
"""

import time

from django.core.cache import cache
from django.utils import timezone

from community.discussions.protocol import limit

TYPING_TTL = 6  # seconds a "typing" mark stays without another keystroke
LAST_SEEN_EVERY = 60  # seconds between two Profile.last_seen_at writes per user


def _presence_key(community_id):
    return f"discussions:presence:{int(community_id)}"


def _typing_key(room_id):
    return f"discussions:typing:{int(room_id)}"


def _live(entries, now):
    return {socket: entry for socket, entry in entries.items() if entry["until"] > now}


def _people(entries):
    people = {}
    for entry in entries.values():
        people.setdefault(entry["id"], {"id": entry["id"], "name": entry["name"]})
    return sorted(people.values(), key=lambda person: (person["name"].lower(), person["id"]))


def presence_frame(community_id, people):
    """The `presence` frame: who is online (at most DISCUSSIONS_PRESENCE_LIST_MAX names) and how many."""
    shown = people[: limit("DISCUSSIONS_PRESENCE_LIST_MAX")]
    return {
        "type": "presence",
        "community": int(community_id),
        "online": shown,
        "count": len(people),
    }


def presence_claim_broadcast(community_id):
    """True for the one socket (in any process) that announces the community's presence in the next interval.

    Joins and leaves are coalesced: a room of a thousand people coming online
    costs one presence broadcast per interval, not one per person.
    """
    return cache.add(
        f"discussions:presence-due:{int(community_id)}", 1, limit("DISCUSSIONS_PRESENCE_INTERVAL")
    )


def presence_join(community_id, socket, person):
    """Mark `person` ({id, name}) online in the community through `socket`; return who is online."""
    ttl = limit("DISCUSSIONS_PRESENCE_TTL")
    now = time.time()
    key = _presence_key(community_id)
    entries = _live(cache.get(key) or {}, now)
    entries[socket] = {"id": person["id"], "name": person["name"], "until": now + ttl}
    cache.set(key, entries, ttl)
    return _people(entries)


def presence_leave(community_id, socket):
    now = time.time()
    key = _presence_key(community_id)
    entries = _live(cache.get(key) or {}, now)
    entries.pop(socket, None)
    if entries:
        cache.set(key, entries, limit("DISCUSSIONS_PRESENCE_TTL"))
    else:
        cache.delete(key)
    return _people(entries)


def presence_online(community_id):
    return _people(_live(cache.get(_presence_key(community_id)) or {}, time.time()))


def typing_mark(room_id, person):
    """Mark `person` typing in the room for a few seconds; return everyone typing there now."""
    now = time.time()
    key = _typing_key(room_id)
    entries = _live(cache.get(key) or {}, now)
    entries[str(person["id"])] = {
        "id": person["id"],
        "name": person["name"],
        "until": now + TYPING_TTL,
    }
    cache.set(key, entries, TYPING_TTL)
    return _people(entries)


def touch_last_seen(user_id):
    """Update Profile.last_seen_at at most once a minute per user (across processes)."""
    if not cache.add(f"discussions:last-seen:{int(user_id)}", 1, LAST_SEEN_EVERY):
        return False
    from community.models import Profile

    Profile.objects.filter(user_id=user_id).update(last_seen_at=timezone.now())
    return True
