"""Shared fixtures. Per-app fixtures live in tests/<app>/conftest.py."""

import os
import socket
from urllib.parse import urlparse

import pytest

LOCAL_REDIS = "redis://127.0.0.1:6379/0"


def _reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=2):
            return True
    except OSError:
        return False


def pytest_sessionstart(session):
    """A named service that cannot be reached stops the run with a clear message."""
    for name, port in (("DATABASE_URL", 5432), ("REDIS_URL", 6379)):
        url = os.environ.get(name)
        if url and not _reachable(url, port):
            pytest.exit(f"{name}={url} is set but the service cannot be reached; start it or unset {name}.", returncode=3)


@pytest.fixture
def redis_url():
    """A real Redis for tests that prove multi-process behaviour.

    REDIS_URL when set; under CI the machine's local Redis even in the
    embedded-defaults pass. An unreachable Redis fails the test, never skips it.
    """
    url = os.environ.get("REDIS_URL") or (LOCAL_REDIS if os.environ.get("CI") else "")
    if not url:
        pytest.skip("REDIS_URL not set (CI sets it): the Redis variant needs a real Redis")
    if not _reachable(url, 6379):
        pytest.fail(f"Redis at {url} cannot be reached: this test needs a real Redis")
    return url


def pytest_configure(config):
    from pathlib import Path

    (Path(__file__).resolve().parent.parent / "test-artifacts").mkdir(exist_ok=True)


@pytest.fixture(autouse=True)
def _fresh_page_cache():
    """A rolled-back test's rows leave no visitor page behind for the next test."""
    from community import pagecache

    pagecache.invalidate()


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries, settings):
    """A query count measures the page's rendering, not the visitors' stored copy of it."""
    settings.PAGE_CACHE_SECONDS = 0
    return django_assert_num_queries


@pytest.fixture
def django_assert_max_num_queries(django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0
    return django_assert_max_num_queries


@pytest.fixture(autouse=True)
def _language_restored():
    """A request through the test client leaves its language active in the thread (Django's
    LocaleMiddleware does not deactivate it): every test starts in the language it found."""
    from django.utils import translation

    with translation.override(translation.get_language()):
        yield
