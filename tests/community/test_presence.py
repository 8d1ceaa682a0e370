"""Presence and typing: per-socket entries that expire, atomic across processes, O(1) per ping."""

import asyncio
import secrets
import time

import pytest

from community.realtime import presence


@pytest.fixture
def redis_stores(redis_url):
    """Two stores on one Redis, as two Daphne processes would have."""
    prefix = f"presence-test-{secrets.token_hex(4)}"
    return presence.RedisPresence(redis_url, prefix), presence.RedisPresence(redis_url, prefix)


def person(n):
    return {"id": n, "name": f"Teacher {n:03d}"}


@pytest.mark.services
async def test_joins_from_two_processes_at_once_lose_nobody(redis_stores):
    first, second = redis_stores
    await asyncio.gather(
        *(
            (first if n % 2 else second).join(7, f"socket-{n}", person(n))
            for n in range(200)
        )
    )
    online = await first.people(7)
    assert len(online) == 200
    assert online[0] == person(0)
    await asyncio.gather(*((second if n % 2 else first).leave(7, f"socket-{n}") for n in range(150)))
    assert [p["id"] for p in await second.people(7)] == list(range(150, 200))


@pytest.mark.services
async def test_two_tabs_keep_a_teacher_online_until_both_close(redis_stores):
    store, _ = redis_stores
    await store.join(3, "tab-1", person(1))
    await store.join(3, "tab-2", person(1))
    assert await store.people(3) == [person(1)]
    await store.leave(3, "tab-1")
    assert await store.people(3) == [person(1)]
    await store.leave(3, "tab-2")
    assert await store.people(3) == []


@pytest.mark.services
async def test_a_socket_that_stops_pinging_drops_out_and_a_ping_keeps_it(redis_stores, settings, monkeypatch):
    store, _ = redis_stores
    settings.DISCUSSIONS_PRESENCE_TTL = 30
    clock = [time.time()]
    monkeypatch.setattr(presence.time, "time", lambda: clock[0])
    await store.join(5, "quiet", person(1))
    await store.join(5, "pinging", person(2))
    clock[0] += 20
    await store.refresh([5], "pinging", person(2))
    clock[0] += 20  # "quiet" is 40 s old, "pinging" refreshed 20 s ago
    assert await store.people(5) == [person(2)]


async def test_the_in_memory_store_keeps_the_same_promises(settings, monkeypatch):
    store = presence.MemoryPresence()
    settings.DISCUSSIONS_PRESENCE_TTL = 30
    clock = [time.time()]
    monkeypatch.setattr(presence.time, "time", lambda: clock[0])
    await store.join(5, "tab-1", person(1))
    await store.join(5, "tab-2", person(1))
    await store.join(5, "quiet", person(2))
    await store.leave(5, "tab-1")
    assert await store.people(5) == [person(1), person(2)]
    clock[0] += 20
    await store.refresh([5], "tab-2", person(1))
    clock[0] += 20
    assert await store.people(5) == [person(1)]
    assert [p["id"] for p in await store.typing_mark(9, person(1))] == [1]
    clock[0] += presence.TYPING_TTL + 1
    assert [p["id"] for p in await store.typing_mark(9, person(2))] == [2]


@pytest.mark.services
async def test_typing_marks_expire_in_redis_too(redis_stores, monkeypatch):
    store, other = redis_stores
    clock = [time.time()]
    monkeypatch.setattr(presence.time, "time", lambda: clock[0])
    await store.typing_mark(9, person(1))
    assert [p["id"] for p in await other.typing_mark(9, person(2))] == [1, 2]
    clock[0] += presence.TYPING_TTL + 1
    assert [p["id"] for p in await other.typing_mark(9, person(3))] == [3]


@pytest.mark.services
async def test_sockets_share_the_processs_cache_connections(redis_url, settings):
    """Each socket is its own async context; its cache checks must not open their own pool."""
    from asgiref.sync import sync_to_async
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    settings.CACHES = {
        "default": {"BACKEND": "community.cache.SharedPoolRedisCache", "LOCATION": redis_url}
    }

    def pool_of_this_context():
        cache = caches["default"]
        assert isinstance(cache, RedisCache)
        cache.add(f"probe-{secrets.token_hex(4)}", 1, 5)
        return id(cache._cache._get_connection_pool(True)), id(cache)

    async def socket_context():
        return await sync_to_async(pool_of_this_context)()

    results = await asyncio.gather(*(asyncio.create_task(socket_context()) for _ in range(5)))
    assert len({cache for _pool, cache in results}) > 1  # Django made several cache objects
    assert len({pool for pool, _cache in results}) == 1  # and they share one pool


@pytest.mark.services
async def test_a_crowd_leaving_at_once_shares_a_bounded_pool(redis_stores):
    store, _ = redis_stores
    await asyncio.gather(*(store.join(11, f"socket-{n}", person(n)) for n in range(300)))
    await asyncio.gather(*(store.leave(11, f"socket-{n}") for n in range(300)))
    pool = store.redis.connection_pool
    assert len(pool._available_connections) + len(pool._in_use_connections) <= presence.REDIS_POOL_SIZE
    assert await store.people(11) == []
