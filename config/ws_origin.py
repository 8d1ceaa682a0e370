"""The WebSocket handshake's Origin check: scheme, host and port, as Django's CSRF check does.

Channels' AllowedHostsOriginValidator compares only the Origin's host with ALLOWED_HOSTS, so a
page served by anything else on the same host (`http://127.0.0.1:9999`, or plain http next to
the https site) could open a socket with the visitor's cookie. Here an Origin is accepted when it
is exactly the site's own origin, the scheme the request came in on plus the Host it was sent to
(which must be in ALLOWED_HOSTS), or is listed in CSRF_TRUSTED_ORIGINS (`https://*.example.org`
matches subdomains, as for CSRF). A missing or `null` Origin is refused: browsers always send one.
"""

from urllib.parse import urlsplit

from channels.security.websocket import WebsocketDenier
from django.conf import settings
from django.http.request import is_same_domain, split_domain_port, validate_host

DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_tuple(url):
    """(scheme, host, port) of an origin URL, or None when it is not an http(s) origin."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = (parts.scheme or "").lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def _header(scope, name):
    for key, value in scope.get("headers", ()):
        if key == name:
            try:
                return value.decode("latin1")
            except UnicodeDecodeError:
                return None
    return None


def _request_scheme(scope):
    """http or https: how the page that opens this socket was served (a proxy may say so)."""
    if scope.get("scheme") == "wss":
        return "https"
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:
        header, secure_value = proxy
        name = header.lower().removeprefix("http_").replace("_", "-").encode("latin1")
        value = _header(scope, name)
        if value is not None and value.split(",")[0].strip() == secure_value:
            return "https"
    return "http"


def _own_origin(scope):
    """The site's origin for this request, or None when its Host is not one the site serves."""
    host = _header(scope, b"host")
    if host is None:
        return None
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    return _origin_tuple(f"{_request_scheme(scope)}://{host}")


def origin_allowed(scope, origin):
    """Whether a socket may be opened from the page at `origin` (the header's text, or None)."""
    if not origin or origin == "null":
        return False
    candidate = _origin_tuple(origin)
    if candidate is None:
        return False
    own = _own_origin(scope)
    if own is not None and candidate == own:
        return True
    if own is None and _header(scope, b"host") is None:
        # No Host header at all (an in-process test client; every browser sends one): the
        # Origin's host must be served by the site, on its scheme's default port.
        scheme, host, port = candidate
        if validate_host(host, settings.ALLOWED_HOSTS) and port == DEFAULT_PORTS[scheme]:
            return True
    for trusted in settings.CSRF_TRUSTED_ORIGINS:
        allowed = _origin_tuple(trusted.replace("*.", "wildcard.", 1))
        if allowed is None:
            continue
        scheme, host, port = allowed
        if scheme != candidate[0] or port != candidate[2]:
            continue
        if "*." in trusted:
            if is_same_domain(candidate[1], "." + host.removeprefix("wildcard.")):
                return True
        elif host == candidate[1]:
            return True
    return False


class SameOriginValidator:
    """ASGI middleware for the WebSocket router: refuse the handshake (HTTP 403) from other origins."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not origin_allowed(scope, _header(scope, b"origin")):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)
