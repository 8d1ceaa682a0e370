"""The WebSocket handshake accepts only the site's own origin: scheme, host and port.

A page on another port of the same host, or plain http beside the https site, must not open a
socket that carries the visitor's cookie. Oversize frames get a close frame (1009) from a real
Daphne instead of a dropped connection.
"""

import asyncio

import pytest
from channels.testing import WebsocketCommunicator
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from config.ws_origin import origin_allowed
from tests.support.servers import daphne

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def scope(host=b"127.0.0.1:8000", scheme="ws", forwarded=None):
    headers = [(b"host", host)] if host else []
    if forwarded:
        headers.append((b"x-forwarded-proto", forwarded))
    return {"type": "websocket", "scheme": scheme, "headers": headers}


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://127.0.0.1:9999", False),  # another server on the same host
        ("https://127.0.0.1:8000", False),  # another scheme
        ("http://127.0.0.1", False),  # default port 80 is another origin
        ("http://evil.example:8000", False),
        ("null", False),
        (None, False),
        ("javascript:alert(1)", False),
        ("http://127.0.0.1:notaport", False),
    ],
)
def test_only_the_sites_own_origin_may_open_a_socket(origin, allowed):
    assert origin_allowed(scope(), origin) is allowed


def test_a_host_the_site_does_not_serve_is_refused_even_from_its_own_origin():
    assert not origin_allowed(scope(host=b"evil.example:8000"), "http://evil.example:8000")


def test_behind_a_tls_proxy_the_https_origin_is_the_sites(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = scope(host=b"localhost", forwarded=b"https")
    assert origin_allowed(proxied, "https://localhost")
    assert not origin_allowed(proxied, "http://localhost")


def test_trusted_origins_are_accepted_with_their_scheme_and_port(settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://*.commons.example", "http://localhost:3000"]
    assert origin_allowed(scope(), "https://az.commons.example")
    assert not origin_allowed(scope(), "http://az.commons.example")
    assert origin_allowed(scope(), "http://localhost:3000")
    assert not origin_allowed(scope(), "http://localhost:3001")


async def test_a_handshake_from_another_port_of_the_same_host_is_refused():
    from config.asgi import application

    for origin, expected in ((b"http://localhost:9999", False), (b"http://localhost:8000", True)):
        ws = WebsocketCommunicator(
            application, "/ws/", headers=[(b"host", b"localhost:8000"), (b"origin", origin)]
        )
        connected, _ = await ws.connect(timeout=5)
        assert connected is expected, origin
        if connected:
            await ws.disconnect()


async def test_a_frame_over_the_servers_limit_gets_a_close_frame_1009():
    with daphne() as base:
        port = base.rsplit(":", 1)[1]
        async with connect(
            f"ws://127.0.0.1:{port}/ws/",
            additional_headers={"Origin": base},
            max_size=None,
            open_timeout=15,
        ) as ws:
            await ws.send("x" * (2 * 1024 * 1024))
            with pytest.raises(ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 15)
        # a close frame arrived (not an abnormal 1006 drop), saying why
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 1009
