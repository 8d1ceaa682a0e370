"""`/healthz`: 200 when the database and the channel layer answer, 503 naming the one that does not.

Every backend call is bounded by one short timeout (HEALTH_TIMEOUT), so a paused Redis or a hung
database gives a 503 within that time instead of a hanging probe, and the probe keeps no state:
a Redis channel layer is asked with a PING on a connection closed afterwards (a round trip
through the layer would subscribe to a channel and leave the subscription behind for good).
"""

import asyncio
import uuid

from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import close_old_connections, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

HEALTH_TIMEOUT = 2  # seconds, for each backend


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        close_old_connections()


def _redis_hosts():
    """The Redis URLs of the default channel layer, or [] for a layer that is not Redis."""
    config = settings.CHANNEL_LAYERS.get("default", {})
    if "channels_redis" not in config.get("BACKEND", ""):
        return []
    hosts = config.get("CONFIG", {}).get("hosts", [])
    return [host["address"] if isinstance(host, dict) else host for host in hosts]


async def _ping_redis(url):
    import redis.asyncio

    client = redis.asyncio.Redis.from_url(
        url, socket_timeout=HEALTH_TIMEOUT, socket_connect_timeout=HEALTH_TIMEOUT
    )
    try:
        if not await client.ping():
            raise RuntimeError("Redis did not answer PING")
    finally:
        await client.aclose()


async def _check_channel_layer():
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")
    hosts = _redis_hosts()
    if hosts:
        for url in hosts:
            await _ping_redis(url)
        return
    # an in-process layer: a round trip through it
    channel = await layer.new_channel("healthz.")
    token = uuid.uuid4().hex
    await layer.send(channel, {"type": "healthz.ping", "token": token})
    message = await layer.receive(channel)
    if message.get("token") != token:
        raise RuntimeError("channel layer returned a different message")


@never_cache
async def healthz(request):
    checks = {}
    probes = (
        ("database", lambda: sync_to_async(_check_database, thread_sensitive=False)()),
        ("channel_layer", _check_channel_layer),
    )
    for name, probe in probes:
        try:
            await asyncio.wait_for(probe(), HEALTH_TIMEOUT)
            checks[name] = "ok"
        except TimeoutError:
            checks[name] = "error: timeout"
        except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
            checks[name] = f"error: {exc.__class__.__name__}"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )
