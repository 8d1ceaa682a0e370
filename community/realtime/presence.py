"""Who is online in a community, who is typing in a room: coroutines on the event loop.

With REDIS_URL every process shares the state in Redis structures made for it:

    <prefix>:presence:<community>      sorted set: socket channel name → expiry (epoch seconds)
    <prefix>:presence:<community>:who  hash: socket channel name → "<user id>\\t<name>"
    <prefix>:typing:<room>             hash: user id → "<expiry>\\t<name>"

A ping costs one ZADD per community the socket reads (O(log n)), with no read; a join or a
leave is one MULTI/EXEC pipeline, atomic across processes (no lost update between two
processes writing at once); reading who is online drops the expired members and reads the
live ones, O(number online). Entries are per socket (a teacher with two tabs stays online
until both close) and expire by themselves, so a crashed process's sockets drop out after
DISCUSSIONS_PRESENCE_TTL seconds; live sockets refresh theirs on their pings.

Without Redis (one process with the in-memory channel layer) the same interface keeps the
state in this process's memory. Either way no call goes through the database thread, so a
thousand pinging sockets never queue behind posts; every Redis call is bounded by a short
timeout and a failure is the caller's to absorb (presence is a hint, the database is the
record).
"""

import asyncio
import os
import time
import weakref

from django.conf import settings
from django.utils import timezone

from community.realtime.protocol import limit

TYPING_TTL = 6  # seconds a "typing" mark stays without another keystroke
LAST_SEEN_EVERY = 60  # seconds between two Profile.last_seen_at writes per user
REDIS_TIMEOUT = 2  # seconds: a presence call never waits longer on Redis
REDIS_POOL_SIZE = 16  # connections per process (event loop) for presence and typing


def _people(pairs):
    """[(user id, name)] → the distinct people, sorted by name."""
    people = {}
    for user_id, name in pairs:
        people.setdefault(user_id, {"id": user_id, "name": name})
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


class MemoryPresence:
    """This process's presence and typing state (the embedded, one-process configuration)."""

    def __init__(self):
        self.online = {}  # community id → {socket: (expiry, user id, name)}
        self.typing = {}  # room id → {user id: (expiry, name)}
        self.claims = {}  # community id → expiry of the current announcement interval

    def _live(self, community_id, now):
        entries = self.online.get(community_id, {})
        for socket in [s for s, entry in entries.items() if entry[0] <= now]:
            del entries[socket]
        return entries

    async def join(self, community_id, socket, person):
        now = time.time()
        entries = self._live(community_id, now)
        entries[socket] = (now + limit("DISCUSSIONS_PRESENCE_TTL"), person["id"], person["name"])
        self.online[community_id] = entries
        return _people((entry[1], entry[2]) for entry in entries.values())

    async def refresh(self, community_ids, socket, person):
        until = time.time() + limit("DISCUSSIONS_PRESENCE_TTL")
        for community_id in community_ids:
            self.online.setdefault(community_id, {})[socket] = (until, person["id"], person["name"])

    async def leave(self, community_id, socket):
        entries = self.online.get(community_id, {})
        entries.pop(socket, None)
        if not entries:
            self.online.pop(community_id, None)
        return True

    async def people(self, community_id):
        entries = self._live(community_id, time.time())
        return _people((entry[1], entry[2]) for entry in entries.values())

    async def claim_broadcast(self, community_id):
        now = time.time()
        if self.claims.get(community_id, 0) > now:
            return False
        self.claims[community_id] = now + limit("DISCUSSIONS_PRESENCE_INTERVAL")
        return True

    async def typing_mark(self, room_id, person):
        now = time.time()
        entries = {u: e for u, e in self.typing.get(room_id, {}).items() if e[0] > now}
        entries[person["id"]] = (now + TYPING_TTL, person["name"])
        self.typing[room_id] = entries
        return _people((user_id, entry[1]) for user_id, entry in entries.items())


class RedisPresence:
    """Presence and typing in Redis, shared by every process (see the module docstring)."""

    def __init__(self, url, prefix):
        import redis.asyncio

        # A bounded pool: a thousand sockets closing at once must not open a thousand
        # connections (a plain pool grows to its peak and keeps them); a call waits for a
        # free connection at most REDIS_TIMEOUT.
        pool = redis.asyncio.BlockingConnectionPool.from_url(
            url,
            max_connections=REDIS_POOL_SIZE,
            timeout=REDIS_TIMEOUT,
            socket_timeout=REDIS_TIMEOUT,
            socket_connect_timeout=REDIS_TIMEOUT,
        )
        self.redis = redis.asyncio.Redis(connection_pool=pool)
        self.prefix = prefix

    def _key(self, kind, ident, suffix=""):
        return f"{self.prefix}:{kind}:{int(ident)}{suffix}"

    async def join(self, community_id, socket, person):
        key, who = self._key("presence", community_id), self._key("presence", community_id, ":who")
        now, ttl = time.time(), limit("DISCUSSIONS_PRESENCE_TTL")
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zadd(key, {socket: now + ttl})
            pipe.hset(who, socket, f"{person['id']}\t{person['name']}")
            pipe.expire(key, ttl)
            pipe.expire(who, ttl)
            await pipe.execute()
        return await self.people(community_id)

    async def refresh(self, community_ids, socket, person):
        now, ttl = time.time(), limit("DISCUSSIONS_PRESENCE_TTL")
        async with self.redis.pipeline(transaction=False) as pipe:
            for community_id in community_ids:
                key = self._key("presence", community_id)
                who = self._key("presence", community_id, ":who")
                pipe.zadd(key, {socket: now + ttl})
                pipe.hset(who, socket, f"{person['id']}\t{person['name']}")
                pipe.expire(key, ttl)
                pipe.expire(who, ttl)
            await pipe.execute()

    async def leave(self, community_id, socket):
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrem(self._key("presence", community_id), socket)
            pipe.hdel(self._key("presence", community_id, ":who"), socket)
            await pipe.execute()
        return True

    async def people(self, community_id):
        key, who = self._key("presence", community_id), self._key("presence", community_id, ":who")
        now = time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zrangebyscore(key, "-inf", now)
            pipe.zremrangebyscore(key, "-inf", now)
            pipe.zrange(key, 0, -1)
            expired, _removed, live = await pipe.execute()
        if expired:
            await self.redis.hdel(who, *expired)
        if not live:
            return []
        pairs = []
        for value in await self.redis.hmget(who, live):
            if value is None:
                continue
            user_id, _, name = value.decode().partition("\t")
            pairs.append((int(user_id), name))
        return _people(pairs)

    async def claim_broadcast(self, community_id):
        key = self._key("presence-due", community_id)
        return bool(await self.redis.set(key, 1, nx=True, ex=limit("DISCUSSIONS_PRESENCE_INTERVAL")))

    async def typing_mark(self, room_id, person):
        key, now = self._key("typing", room_id), time.time()
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.hset(key, str(person["id"]), f"{now + TYPING_TTL}\t{person['name']}")
            pipe.expire(key, TYPING_TTL)
            pipe.hgetall(key)
            *_, entries = await pipe.execute()
        pairs = []
        for user_id, value in entries.items():
            until, _, name = value.decode().partition("\t")
            if float(until) > now:
                pairs.append((int(user_id), name))
        return _people(pairs)


_memory = MemoryPresence()
_stores = weakref.WeakKeyDictionary()  # event loop → RedisPresence (its connections belong to it)


def store():
    """This process's presence store: Redis when REDIS_URL is set, memory otherwise."""
    url = getattr(settings, "REDIS_URL", None)
    if not url:
        return _memory
    loop = asyncio.get_running_loop()
    found = _stores.get(loop)
    if found is None:
        prefix = os.environ.get("CACHE_KEY_PREFIX", "tc") + ":discussions"
        found = _stores[loop] = RedisPresence(url, prefix)
    return found


async def presence_join(community_id, socket, person):
    """Mark `person` ({id, name}) online in the community through `socket`; return who is online."""
    return await store().join(community_id, socket, person)


async def presence_refresh(community_ids, socket, person):
    """A ping: the socket stays online in these communities for another TTL."""
    if community_ids:
        await store().refresh(community_ids, socket, person)


async def presence_leave(community_id, socket):
    """The socket is no longer online in the community; True once done."""
    return await store().leave(community_id, socket)


async def presence_online(community_id):
    return await store().people(community_id)


async def presence_claim_broadcast(community_id):
    """True for the one socket (in any process) that announces the community's presence in the next interval.

    Joins and leaves are coalesced: a room of a thousand people coming online
    costs one presence broadcast per interval, not one per person.
    """
    return await store().claim_broadcast(community_id)


async def typing_mark(room_id, person):
    """Mark `person` typing in the room for a few seconds; return everyone typing there now."""
    return await store().typing_mark(room_id, person)


def touch_last_seen(user_id):
    """Update Profile.last_seen_at at most once a minute per user (across processes). Sync: ORM."""
    from django.core.cache import cache

    if not cache.add(f"discussions:last-seen:{int(user_id)}", 1, LAST_SEEN_EVERY):
        return False
    from community.models import Profile

    Profile.objects.filter(user_id=user_id).update(last_seen_at=timezone.now())
    return True
