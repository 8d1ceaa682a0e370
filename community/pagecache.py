"""Visitors' pages from a shared cache: rendered once, served to every visitor until anything changes.

A visitor (no account, no session, no flash message waiting) can only see what the URL, the
page's language and the data saver choose, so their pages are the same for all of them: the
first one renders it, the next ones get a copy from the default cache (Redis when REDIS_URL is
set, so every Daphne process shares it; local memory otherwise). A signed-in person, a pupil,
anyone with a session cookie, a POST, an error or a redirect, an admin page and every response
marked private or never-cache always go through the view: nothing a reader's rights chose ever
enters the shared cache.

Every page carries the language form's CSRF token, which is the visitor's own: the stored copy
keeps a placeholder where the token was, and each copy served gets a fresh token of the
visitor who asked (and its cookie, from CsrfViewMiddleware), as the view would have given.

Invalidation is by generation: entries are keyed by a counter, and on (and again after the
commit of) any saved or deleted row (pages published, messages posted, communities turned private, ...), or
of a change of who may read a room (community.realtime.access_changed), the counter moves on,
so the next visitor renders afresh. Rows written with `.update()` send no signal; their pages
are at most PAGE_CACHE_SECONDS old (60 by default; 0 turns the cache off), which also bounds
what changes with the clock alone (an event that has started, "2 hours ago").
"""

import hashlib
import logging
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import translation

TOKEN_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
PLACEHOLDER = b"\x00csrf\x00"
#: Rows that no visitor's page shows, written often: they leave the cache alone.
IGNORED_MODELS = {"sessions.session", "django_tasks_database.dbtaskresult"}
NEVER_PREFIXES = ("/admin/", "/django-admin/", "/ws/", "/healthz")


logger = logging.getLogger(__name__)
#: After a cache fault (Redis paused or away), the page cache stays out of the way this long:
#: pages render as if it were off and writes do not wait on it.
PAUSE_AFTER_FAULT = 10
_fault_until = 0.0


def _usable():
    return time.monotonic() >= _fault_until


def _fault(error):
    global _fault_until
    _fault_until = time.monotonic() + PAUSE_AFTER_FAULT
    logger.warning("page cache unavailable for %s s: %s", PAUSE_AFTER_FAULT, error)


def _scope():
    """Entries belong to one database: test runs sharing a Redis never see each other's pages."""
    name = str(connection.settings_dict.get("NAME", ""))
    return "pagecache:" + hashlib.sha256(name.encode()).hexdigest()[:12]


def _generation_key():
    return f"{_scope()}:generation"


def seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def generation():
    key = _generation_key()
    value = cache.get(key)
    if value is None:
        cache.add(key, 1, timeout=None)
        value = cache.get(key) or 1
    return value


def invalidate():
    """Every visitor's page renders afresh from now on (every process: the counter is shared).

    A cache fault never fails the write that asked: it is logged, and stored pages are then at
    most PAGE_CACHE_SECONDS old."""
    key = _generation_key()
    try:
        try:
            cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=None)
    except Exception as error:  # noqa: BLE001 - Redis paused or away
        _fault(error)


def invalidate_now_and_on_commit():
    """Now (this transaction's own later reads render afresh) and after commit (a visitor who
    rendered the old rows meanwhile stored them under the generation that is then left behind)."""
    invalidate()
    transaction.on_commit(invalidate, robust=True)


def remember(name, compute):
    """`compute()`'s value, shared by every request in this language until anything changes.

    For what many readers see alike (the home page's listings and counts for readers of the
    same pages): `name` must say everything the value depends on besides the rows and the
    language, e.g. which restricted subtrees the reader may not see.
    """
    if seconds() <= 0 or not _usable():
        return compute()
    digest = hashlib.sha256(name.encode()).hexdigest()[:24]
    try:
        key = f"{_scope()}:{generation()}:{translation.get_language()}:fragment:{digest}"
        value = cache.get(key)
    except Exception as error:  # noqa: BLE001 - Redis paused or away: computed as if off
        _fault(error)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, seconds())
        except Exception as error:  # noqa: BLE001
            _fault(error)
    return value


def _row_changed(sender, **kwargs):
    if sender._meta.label_lower not in IGNORED_MODELS and _usable():
        invalidate_now_and_on_commit()


def connect():
    """Called once from CommunityConfig.ready()."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_row_changed, dispatch_uid=f"pagecache-{signal}")


def _cacheable_request(request):
    if request.method not in ("GET", "HEAD") or seconds() <= 0 or not _usable():
        return False
    if request.path_info.startswith(NEVER_PREFIXES):
        return False
    # A session may hold a sign-in, a page password, a flash message or a pupil's confinement.
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


def _cacheable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    control = response.get("Cache-Control", "").lower()
    return not any(word in control for word in ("private", "no-store", "no-cache"))


def _key(request, gen):
    from community.pwa import data_saver

    where = f"{request.get_host()}{request.get_full_path()}".encode()
    digest = hashlib.sha256(where).hexdigest()
    saver = "s" if data_saver(request) else "f"
    return f"{_scope()}:{gen}:{translation.get_language()}:{saver}:{digest}"


def _stored(response):
    body = TOKEN_FIELD.sub(rb"\1" + PLACEHOLDER + rb"\2", response.content)
    return {"status": response.status_code, "headers": list(response.items()), "body": body}


def _served(request, entry):
    body = entry["body"]
    if PLACEHOLDER in body:
        parts = body.split(PLACEHOLDER)
        tokens = [get_token(request).encode() for _ in parts[1:]]
        body = parts[0] + b"".join(token + part for token, part in zip(tokens, parts[1:], strict=True))
    response = HttpResponse(body, status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


class VisitorPageCacheMiddleware:
    """Serves and stores visitors' pages (see the module text); sits after MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        try:
            key = _key(request, generation())
            entry = cache.get(key)
        except Exception as error:  # noqa: BLE001 - Redis paused or away: the view answers
            _fault(error)
            return self.get_response(request)
        if entry is not None:
            return _served(request, entry)
        response = self.get_response(request)
        if request.method == "GET" and _cacheable_response(response):
            try:
                cache.set(key, _stored(response), seconds())
                response["X-Page-Cache"] = "miss"
            except Exception as error:  # noqa: BLE001
                _fault(error)
        return response
