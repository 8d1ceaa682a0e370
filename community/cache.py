"""Django's Redis cache with one connection pool per process, not one per async context.

Django keeps a cache object per thread and, under ASGI, per async context; its Redis client
opens its own connection pool per cache object. Every WebSocket is its own context, so each
socket's first rate-limit or throttle check opened Redis connections that outlived the socket
until garbage collection (open files grew with churn). Here every cache object of a process
shares the pools (redis-py's pools are thread-safe), keyed by server and options.
"""

import threading

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

_pools = {}
_lock = threading.Lock()


class SharedPoolRedisCacheClient(RedisCacheClient):
    def _get_connection_pool(self, write):
        index = self._get_connection_pool_index(write)
        key = (self._servers[index], repr(sorted(self._pool_options.items(), key=str)))
        pool = _pools.get(key)
        if pool is None:
            with _lock:
                pool = _pools.get(key)
                if pool is None:
                    pool = _pools[key] = self._pool_class.from_url(
                        self._servers[index], **self._pool_options
                    )
        return pool


class SharedPoolRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = SharedPoolRedisCacheClient
