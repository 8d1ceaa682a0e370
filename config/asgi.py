"""ASGI entry point: HTTP through Django, WebSocket at /ws/ through Channels."""

import os

from django.core.asgi import get_asgi_application

from config import daphne_ws, eager_writes, settings_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module())
# Under Daphne: send each frame at once rather than after an epoll round trip (config/eager_writes.py).
eager_writes.install_if_daphne()
# Under Daphne: close frames on failure (1009 for oversize), a bound on unsent bytes per socket.
daphne_ws.install_if_daphne()
# Build the Django app first: importing consumers imports models.
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from community.realtime.routing import websocket_urlpatterns  # noqa: E402
from config.ws_auth import HandshakeAuthMiddlewareStack  # noqa: E402
from config.ws_origin import SameOriginValidator  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": SameOriginValidator(
            HandshakeAuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
