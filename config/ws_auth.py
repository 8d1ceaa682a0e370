"""The WebSocket handshake's session and user lookup, off the shared database thread.

Channels runs every `database_sync_to_async` call of a process in one thread, so the user
lookup of a new socket waited behind every other socket's frames (posts, reads, backlogs);
under churn, handshakes ran past Daphne's connect timeout. The handshake's lookups run in a
small pool of their own instead (asgiref's default executor; each thread keeps its own
database connection), so a connect never queues behind other sockets' work. The consumer's
connect loads the person's name the same way.
"""

from channels.auth import AuthMiddleware, get_user
from channels.db import DatabaseSyncToAsync
from channels.sessions import CookieMiddleware, SessionMiddleware

_lookup_user = DatabaseSyncToAsync(get_user.func, thread_sensitive=False)


class HandshakeAuthMiddleware(AuthMiddleware):
    async def resolve_scope(self, scope):
        scope["user"]._wrapped = await _lookup_user(scope)


def HandshakeAuthMiddlewareStack(inner):  # noqa: N802 - named like Channels' AuthMiddlewareStack
    return CookieMiddleware(SessionMiddleware(HandshakeAuthMiddleware(inner)))
