"""Configuration by environment: production refusals, `check --deploy`, security headers, real services by URL."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(code, **env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_ENV",
            "DJANGO_SETTINGS_MODULE",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


IMPORT_PRODUCTION = "import config.settings.production"


def test_production_refuses_to_start_without_secret_key():
    result = run(IMPORT_PRODUCTION, ALLOWED_HOSTS="teachers.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run(IMPORT_PRODUCTION, SECRET_KEY=secrets.token_urlsafe(60))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "ALLOWED_HOSTS must be set" in result.stderr


def test_production_refuses_a_development_key():
    result = run(
        IMPORT_PRODUCTION,
        SECRET_KEY="dev-only-not-secret-teacher-commons",
        ALLOWED_HOSTS="x.example.org",
    )
    assert result.returncode != 0 and "not a development key" in result.stderr


def test_manage_py_refuses_in_production_mode_without_configuration():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
        }
        | {"DJANGO_ENV": "production"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_in_production():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="teachers.example.org",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNINGS" not in output


def test_production_security_settings():
    code = (
        "import json, config.settings.production as s;"
        "print(json.dumps([s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS,"
        " s.SECURE_SSL_REDIRECT, s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.ALLOWED_HOSTS]))"
    )
    result = run(
        code, SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="a.example.org, b.example.org"
    )
    assert result.returncode == 0, result.stderr
    debug, session_secure, csrf_secure, hsts, ssl_redirect, frame, referrer, hosts = json.loads(
        result.stdout
    )
    assert debug is False and session_secure and csrf_secure and ssl_redirect
    assert hsts >= 31536000 and frame == "DENY" and referrer == "same-origin"
    assert hosts == ["a.example.org", "b.example.org"]


def test_embedded_defaults_without_urls():
    code = (
        "import json, config.settings.dev as s;"
        "print(json.dumps([s.DATABASES['default']['ENGINE'], s.CHANNEL_LAYERS['default']['BACKEND'], s.CACHES['default']['BACKEND'], s.DEBUG]))"
    )
    result = run(code)
    assert result.returncode == 0, result.stderr
    engine, layer, cache, debug = json.loads(result.stdout)
    assert engine == "django.db.backends.sqlite3"
    assert "InMemory" in layer
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert debug is False


def test_postgres_and_redis_when_their_urls_are_given():
    code = (
        "import json, config.settings.dev as s; d = s.DATABASES['default'];"
        "print(json.dumps([d['ENGINE'], d['NAME'], d['HOST'], d['PORT'], d['USER'],"
        " s.CHANNEL_LAYERS['default']['BACKEND'], s.CHANNEL_LAYERS['default']['CONFIG']['hosts'],"
        " s.CACHES['default']['BACKEND'], s.CACHES['default']['LOCATION']]))"
    )
    result = run(
        code,
        DATABASE_URL="postgres://teacher:pw@db.internal:5433/commons",
        REDIS_URL="redis://cache.internal:6380/2",
    )
    assert result.returncode == 0, result.stderr
    engine, name, host, port, user, layer, hosts, cache, location = json.loads(result.stdout)
    assert engine == "django.db.backends.postgresql"
    assert (name, host, port, user) == ("commons", "db.internal", 5433, "teacher")
    # The pub/sub layer: one publish per room event, fanned out by each process (see README).
    assert layer == "channels_redis.pubsub.RedisPubSubChannelLayer" and hosts == [
        "redis://cache.internal:6380/2"
    ]
    assert (
        cache == "community.cache.SharedPoolRedisCache"
        and location == "redis://cache.internal:6380/2"
    )


@pytest.mark.django_db
def test_pages_carry_a_strict_content_security_policy_and_security_headers(client):
    for url in ("/en/accounts/login/", "/en/teachers/", "/en/accounts/signup/"):
        response = client.get(url)
        policy = response["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_our_pages_have_no_inline_scripts_or_styles(client):
    from bs4 import BeautifulSoup

    from tests.community import people_factories as f

    user = f.teacher()
    pages = [
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/teachers/",
        f"/en/teachers/{user.pk}/",
    ]
    client.force_login(user)
    pages += ["/en/accounts/profile/", f"/en/teachers/{user.pk}/record/", "/en/accounts/delete/"]
    for url in pages:
        soup = BeautifulSoup(client.get(url).content, "html.parser")
        assert not [s for s in soup.find_all("script") if not s.get("src")], url
        assert not soup.find_all("style") and not soup.select("[style]"), url
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], url
