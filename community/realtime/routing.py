"""WebSocket routes: one socket per browser tab at /ws/ (see protocol.py)."""

from django.urls import path

from community.realtime.consumers import DiscussionConsumer

websocket_urlpatterns = [path("ws/", DiscussionConsumer.as_asgi(), name="ws")]
