"""Real Daphne processes for browser and multi-process tests.

Started as subprocesses (not forks: a forked Daphne inherits a dead
SyncToAsync executor after async tests) against the test database that
pytest-django created, so rows a test commits are what the server sees.
"""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.request import urlopen

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**extra):
    """Environment for a server process that uses the current test database."""
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    env["TC_SERVE_TEST_DB"] = connection.settings_dict["NAME"]
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if not env.get("REDIS_URL"):
        # The test writes rows behind the server's back: without a cache both processes share,
        # the server could not hear of them, so visitors' pages are not cached there.
        env["PAGE_CACHE_SECONDS"] = "0"
    env.update({key: str(value) for key, value in extra.items()})
    return env


@contextmanager
def daphne(port=None, **env):
    """Run `daphne config.asgi:application` until the context exits; yields its base URL."""
    port = port or free_port()
    log = open(ROOT / "test-artifacts" / f"daphne-{port}.log", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        cwd=ROOT,
        env=server_env(**env),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urlopen(base + "/healthz", timeout=2) as response:  # noqa: S310 - loopback only
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(f"Daphne on port {port} did not start: see test-artifacts/daphne-{port}.log")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def media_root():
    return Path(settings.MEDIA_ROOT)
