"""Test settings: fast hashing, local e-mail outbox, isolated databases.

DATABASE_URL / REDIS_URL switch the suite onto the real services, as in CI.
TEST_DB_SUFFIX keeps parallel runs on one machine apart.
"""

import os

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES

SECRET_KEY = "test-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "test-artifacts" / f"media{os.environ.get('TEST_DB_SUFFIX', '')}"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Served straight from the apps and static/: a fresh clone has no collected static files.
WHITENOISE_USE_FINDERS = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

_suffix = os.environ.get("TEST_DB_SUFFIX", "")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # File-backed, so that live-server (browser) tests and Daphne subprocesses share it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / f"db-test{_suffix}.sqlite3")}
elif _suffix:
    DATABASES["default"]["TEST"] = {"NAME": f"test_teacher_commons{_suffix}"}
else:
    DATABASES["default"]["TEST"] = {"NAME": "test_teacher_commons"}

# A Daphne subprocess started by a test serves the database that test created.
if os.environ.get("TC_SERVE_TEST_DB"):
    DATABASES["default"]["NAME"] = os.environ["TC_SERVE_TEST_DB"]

# Connections are closed after each request and each database hop, so that none outlives a test
# (PostgreSQL refuses to drop a test database that still has a session in a worker thread).
DATABASES["default"]["CONN_MAX_AGE"] = 0
