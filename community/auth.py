"""Sign-in by e-mail address (case-insensitive), with throttling of failed attempts.

Throttling is cache-based (local memory by default, Redis when REDIS_URL is
set), counted per account and per client address within
settings.LOGIN_THROTTLE_WINDOW seconds.
"""

import hashlib

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache

from community.models import User


class EmailBackend(ModelBackend):
    """Authenticate with the e-mail address in the `username` field of the login form."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = (username or kwargs.get("email") or "").strip()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            User().set_password(password)  # same work as a real check: no timing oracle
            return None
        except User.MultipleObjectsReturned:
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def client_address(request):
    return (request.META.get("REMOTE_ADDR") or "unknown") if request is not None else "unknown"


def _key(kind, value):
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"login-fail:{kind}:{digest}"


def _limits(email, address):
    return (
        (_key("account", email), settings.LOGIN_THROTTLE_ATTEMPTS),
        (_key("address", address), settings.LOGIN_THROTTLE_IP_ATTEMPTS),
    )


def login_blocked(email, address):
    """True when the account or the address has used up its failed attempts in the window."""
    for key, limit in _limits(email or "", address):
        if (cache.get(key) or 0) >= limit:
            return True
    return False


def login_failed(email, address):
    window = settings.LOGIN_THROTTLE_WINDOW
    for key, _limit in _limits(email or "", address):
        if not cache.add(key, 1, timeout=window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=window)


def login_succeeded(email):
    cache.delete(_key("account", email or ""))
