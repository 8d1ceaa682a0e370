import socket
import threading

import pytest
from django.test import override_settings


@pytest.mark.django_db
def test_healthz_reports_database_and_channel_layer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "channel_layer": "ok"}


@pytest.mark.django_db
def test_healthz_is_503_when_the_channel_layer_is_down(client):
    broken = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    with override_settings(CHANNEL_LAYERS=broken):
        from channels.layers import channel_layers

        channel_layers.backends.clear()
        try:
            response = client.get("/healthz")
        finally:
            channel_layers.backends.clear()
    assert response.status_code == 503
    assert response.json()["checks"]["channel_layer"].startswith("error")
    assert response.json()["checks"]["database"] == "ok"


@pytest.mark.django_db
def test_healthz_is_503_when_the_database_is_down(client, monkeypatch):
    from django.db import OperationalError
    from django.db.backends.base.base import BaseDatabaseWrapper

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    # every connection, in whichever thread the probe runs
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert response.json()["checks"]["database"] == "error: OperationalError"
    assert response.json()["checks"]["channel_layer"] == "ok"


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.fixture
def silent_redis():
    """A TCP server that accepts connections and never answers: a paused Redis."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted = []
    stop = threading.Event()

    def accept():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


@pytest.mark.django_db
def test_healthz_answers_503_naming_redis_when_redis_does_not_answer(client, silent_redis):
    paused = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [silent_redis]},
        }
    }
    with override_settings(CHANNEL_LAYERS=paused):
        from channels.layers import channel_layers

        channel_layers.backends.clear()
        try:
            first, second = client.get("/healthz"), client.get("/healthz")
        finally:
            channel_layers.backends.clear()
    for response in (first, second):  # the second call does not hang behind the first
        assert response.status_code == 503
        assert response.json()["checks"] == {"database": "ok", "channel_layer": "error: timeout"}


@pytest.mark.services
@pytest.mark.django_db
def test_healthz_leaves_no_subscription_in_redis(client, redis_url):
    import redis

    layer = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [redis_url], "prefix": "healthz-test"},
        }
    }
    server = redis.Redis.from_url(redis_url)
    before = set(server.pubsub_channels())
    with override_settings(CHANNEL_LAYERS=layer):
        from channels.layers import channel_layers

        channel_layers.backends.clear()
        try:
            for _ in range(5):
                assert client.get("/healthz").status_code == 200
        finally:
            channel_layers.backends.clear()
    assert set(server.pubsub_channels()) - before == set()
