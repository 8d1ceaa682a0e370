"""Who a socket is: its person, its session re-read, its user object kept fresh.

Sync functions (they touch the ORM and the session store); the consumer calls them through
`database_sync_to_async`. They hold no rule of any app: what a person may read is the room
owner's (`protocol.register_room_owner`), what a frame does its handler's.
"""

from importlib import import_module
from types import SimpleNamespace

from django.conf import settings
from django.contrib.auth import get_user

from community.models import Profile
from community.realtime import presence


def load_person(user):
    profile = (
        Profile.objects.filter(user_id=user.pk).only("display_name", "interface_language").first()
    )
    name = (
        (profile.display_name if profile else "")
        or user.get_full_name()
        or user.email.split("@")[0]
    )
    presence.touch_last_seen(user.pk)
    return {"id": user.pk, "name": name, "language": profile.interface_language if profile else ""}


def fresh(user):
    """Forget what permission helpers cached on the user object: a socket lives for hours."""
    if user is not None and hasattr(user, "__dict__"):
        for key in [
            key
            for key in user.__dict__
            if key.startswith("_tc_") or key == "_ambassador_region_ids"
        ]:
            del user.__dict__[key]
    return user


def session_user(session_key, user):
    """The user this socket's session names now, re-read from the session store and the database.

    None when the session was signed out or flushed, the account deleted or deactivated, or the
    password changed (Django's session hash no longer matches); otherwise a fresh user object.
    """
    if not session_key:
        return None
    store = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
    current = get_user(SimpleNamespace(session=store))
    if not current.is_authenticated or current.pk != user.pk:
        return None
    return current


def call_frame_handler(handler, user, frame):
    """A registered frame handler (`protocol.register_frame_handler`), on a fresh user object."""
    return handler(user=fresh(user), frame=frame)
