"""Sign-in by e-mail address (case-insensitive), with throttling of failed attempts and reset mails.

Throttling is cache-based (local memory by default, Redis when REDIS_URL is
set): counters with an expiry, so several processes behind one Redis count
together.

- Failed sign-ins are counted per account (LOGIN_THROTTLE_ATTEMPTS within
  LOGIN_THROTTLE_WINDOW seconds locks that account) and per client address
  (LOGIN_THROTTLE_IP_ATTEMPTS, much higher: a whole school signs in from one
  address behind its router, and one teacher's typos must not lock the others).
- Password-reset mails are counted per requested address and per client
  address (PASSWORD_RESET_THROTTLE_*); over the limit no mail is sent, and the
  page says the same as always.
- Sign-ups are counted per client address (SIGNUP_THROTTLE_*); over the limit
  the sign-up page says how long to wait, and no account is made.

The client address is REMOTE_ADDR, unless the request comes from one of
settings.TRUSTED_PROXIES: then it is the last address in X-Forwarded-For that
is not one of those proxies. Without TRUSTED_PROXIES the header is ignored
(anyone can write it).
"""

import hashlib
import ipaddress
from functools import lru_cache

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
        if user.check_password(password) and self.user_can_authenticate(user) and not user.is_pupil:
            return user  # a pupil signs in with a class code and a card (projects.views.pupil_sign_in)
        return None

    def get_user(self, user_id):
        """The session's user with their profile, which every page reads (time zone, name, menu)."""
        user = User._default_manager.select_related("profile").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


# --- the client's address ----------------------------------------------------------------------


@lru_cache(maxsize=8)
def _networks(trusted):
    networks = []
    for item in trusted:
        try:
            networks.append(ipaddress.ip_network(str(item).strip(), strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _is_trusted(address, networks):
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request):
    """The address the request came from, seen through the configured reverse proxies only."""
    if request is None:
        return "unknown"
    remote = (request.META.get("REMOTE_ADDR") or "").strip()
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ()) or ()))
    if networks and _is_trusted(remote, networks):
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        # Each proxy appends the address it received the request from: read from the right.
        for hop in reversed(forwarded):
            if not _is_trusted(hop, networks):
                return hop
    return remote or "unknown"


# --- counters ---------------------------------------------------------------------------------


def _key(kind, value, scope="login-fail"):
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"{scope}:{kind}:{digest}"


def _count(key, window):
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)


def _over(limits):
    return any((cache.get(key) or 0) >= limit for key, limit in limits)


# --- sign-in ----------------------------------------------------------------------------------


def _limits(email, address):
    return (
        (_key("account", email), settings.LOGIN_THROTTLE_ATTEMPTS),
        (_key("address", address), settings.LOGIN_THROTTLE_IP_ATTEMPTS),
    )


def login_blocked(email, address):
    """True when the account or the address has used up its failed attempts in the window."""
    return _over(_limits(email or "", address))


def login_failed(email, address):
    for key, _limit in _limits(email or "", address):
        _count(key, settings.LOGIN_THROTTLE_WINDOW)


def login_succeeded(email):
    cache.delete(_key("account", email or ""))


# --- pupils' sign-in (class code and card password) --------------------------------------------


def _pupil_limits(code, address):
    return (
        (_key("class", code, "pupil-fail"), settings.PUPIL_SIGN_IN_THROTTLE_ATTEMPTS),
        (_key("address", address, "pupil-fail"), settings.LOGIN_THROTTLE_IP_ATTEMPTS),
    )


def pupil_sign_in_blocked(code, address):
    """True when the class code or the address used up its failed attempts in the window."""
    return _over(_pupil_limits(code or "", address))


def pupil_sign_in_failed(code, address):
    for key, _limit in _pupil_limits(code or "", address):
        _count(key, settings.LOGIN_THROTTLE_WINDOW)


# --- password-reset mails ---------------------------------------------------------------------


def password_reset_allowed(email, address):
    """Count a request for a reset mail; False when the address or the client asked too often."""
    limits = (
        (_key("account", email or "", "reset-mail"), settings.PASSWORD_RESET_THROTTLE_ATTEMPTS),
        (_key("address", address, "reset-mail"), settings.PASSWORD_RESET_THROTTLE_IP_ATTEMPTS),
    )
    allowed = not _over(limits)
    for key, _limit in limits:
        _count(key, settings.PASSWORD_RESET_THROTTLE_WINDOW)
    return allowed


# --- sign-ups -----------------------------------------------------------------------------------


def sign_up_allowed(address):
    """Count a sign-up from `address`; False when that address signed up too often in the window."""
    limits = ((_key("address", address, "sign-up"), settings.SIGNUP_THROTTLE_IP_ATTEMPTS),)
    allowed = not _over(limits)
    if allowed:
        _count(limits[0][0], settings.SIGNUP_THROTTLE_WINDOW)
    return allowed
