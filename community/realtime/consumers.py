"""The one WebSocket consumer at /ws/: authenticate, check, call services, forward.

No rule lives here, and no app's frames: a frame type other than the connection's own
(subscribe, unsubscribe, typing, ping) goes to the handler its app registered
(protocol.register_frame_handler: discussions' post, edit, delete, react, read in
community/discussions/frame_handlers.py, moderation's moderate), and a subscription is
checked by the registered room owner (protocol.register_room_owner), each a sync function
called through database_sync_to_async; the socket's person and session are identity.py's.
This module is the connection: its subscriptions, deliveries, presence and abuse control.
The protocol (frames, error and close codes) is described in protocol.py.

Hot path: a room's events reach this process once, through the room hub
(hub.py), which hands each to the room's local sockets in one loop; a socket
forwards it without any database or thread hop, the event already carrying the
frame's JSON text, encoded once per post by events.py. Per-user events
(`user.frame`, `user.revoke`) come through the socket's own channel.
"""

import asyncio
import functools
import logging
import time
from collections import deque
from http.cookies import CookieError, SimpleCookie
from urllib.parse import parse_qs

from channels.consumer import get_handler_name
from channels.db import DatabaseSyncToAsync, database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.utils import translation
from django.utils.functional import empty
from django.utils.translation import gettext as _

from community.errors import ActionError
from community.realtime import events, identity, presence, protocol
from community.realtime.hub import hub_for
from community.realtime.protocol import encode, error_frame, limit

logger = logging.getLogger(__name__)

# Presence broadcasts waiting for their interval (asyncio keeps only weak references to tasks).
_pending = set()
# How often (seconds) a socket's presence entries and the user's last_seen_at are refreshed on ping.
PRESENCE_REFRESH = 20


# --- the page's language -----------------------------------------------------------


def _offered(language):
    return language if language in dict(settings.LANGUAGES) else None


def _page_language(scope):
    """The language of the page that opened the socket (`?lang=`), or the language cookie's."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    language = _offered((query.get("lang") or [""])[0])
    if language:
        return language
    for name, value in scope.get("headers", ()):
        if name == b"cookie":
            cookie = SimpleCookie()
            try:
                cookie.load(value.decode("latin-1"))
            except CookieError:
                return None
            morsel = cookie.get(settings.LANGUAGE_COOKIE_NAME)
            return _offered(morsel.value) if morsel else None
    return None


class DiscussionConsumer(AsyncWebsocketConsumer):
    """One socket per browser tab; subscribes to the rooms the page shows."""

    async def connect(self):
        self.user = _unwrap(self.scope.get("user"))
        # The socket speaks the language of the page that opened it: its errors and the
        # notifications it announces (frames of the socket's own dispatch run in this context).
        self.language = _page_language(self.scope)
        self.authenticated = bool(self.user is not None and self.user.is_authenticated)
        # self.rooms: room id → community id (or None), this socket's subscriptions (set in __call__)
        self.bad_frames = deque()
        self.recent_frames = deque()
        self.last_typing = {}
        self.last_refresh = self.last_seen = time.monotonic()
        self.person = None
        try:
            if self.authenticated:
                # The user's group is joined before the socket opens: an event sent for this
                # user from the moment the client sees the socket open (a revoked access, a
                # new card, a notification) waits in the socket's channel until connect is
                # done, instead of being sent to no one.
                await self.channel_layer.group_add(
                    events.user_group(self.user.pk), self.channel_name
                )
            await self.accept()
            if self.authenticated:
                # in the handshake pool: a connect never waits behind other sockets' frames
                self.person = await DatabaseSyncToAsync(identity.load_person, thread_sensitive=False)(
                    self.user
                )
                profile_language = _offered(self.person.pop("language"))
                self.language = self.language or profile_language
            self.language = self.language or settings.LANGUAGE_CODE
            translation.activate(self.language)
        finally:
            self.connected.set()  # the layer's events flow from here on

    async def disconnect(self, code):
        self.closing = True
        await self._cleanup()

    async def _cleanup(self):
        """Leave the hub, the user group and presence: once, whichever way the socket ended."""
        if not hasattr(self, "rooms") or self.cleaned:
            return
        self.cleaned = True
        self.closing = True
        rooms = dict(self.rooms)
        self.rooms = {}
        for room_id in list(self.hub_rooms):
            await self._leave_hub(room_id)
        if getattr(self, "authenticated", False):  # connect() may not have run
            # bounded: a backend that hangs must not keep the socket's task (and its layer
            # subscription) alive past Daphne's close timeout
            await _bounded(
                self.channel_layer.group_discard(
                    events.user_group(self.user.pk), self.channel_name
                ),
                "leaving the user's group",
            )
        communities = {cid for cid in rooms.values() if cid is not None}
        if self.person is not None and communities:
            # fire and forget: presence entries expire by themselves if this never completes
            _spawn(self._leave_presence(communities, rooms))

    async def _leave_presence(self, communities, rooms):
        for community_id in communities:
            if await _bounded(presence.presence_leave(community_id, self.channel_name), "presence"):
                await self._announce_presence(community_id, rooms)

    # --- events: the hot path, no database, no thread hop ------------------------

    async def __call__(self, scope, receive, send):
        """Two loops instead of Channels' await_many_dispatch: one for the socket, one for the layer.

        Channels waits on both sources with asyncio.wait() and starts a new task for every
        message it receives; for a socket in a busy room that is most of the cost of a
        delivery. Here room events come from the room hub and the socket's own channel
        events from their own loop, with no task, no thread hop and no database work per
        event; client frames keep Channels' dispatch.
        """
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.channel_name = await self.channel_layer.new_channel()
        self.channel_receive = functools.partial(self.channel_layer.receive, self.channel_name)
        self.hub = hub_for(self.channel_layer, self.channel_layer_alias)
        self.hub_rooms = set()  # rooms this socket joined in the hub
        self.base_send = send
        self.rooms = {}
        self.joining = {}  # room id → frames that arrived while the subscription was being checked
        self.checking = set()  # rooms whose (re-)subscription is being checked
        self.revoked_while_checking = set()
        self.recheck_after_checking = set()  # rooms whose access changed while being checked
        self.paused = {}  # room id → events held while its access is checked again
        self.closing = False  # set once the server closed the socket: nothing more is processed
        self.cleaned = False
        self.connected = asyncio.Event()
        events = asyncio.ensure_future(self._event_loop())
        try:
            while True:
                message = await receive()
                if self.closing and message.get("type") == "websocket.receive":
                    continue  # frames queued before our close: the socket is gone for them
                await self.dispatch(message)
        except StopConsumer:
            pass
        finally:
            # Shielded as one step: Daphne cancels a closed socket's application again and
            # again; an unsubscribe from the layer cut half-way leaves the socket's channel
            # subscribed in Redis for good (hundreds after a mass disconnect).
            await asyncio.shield(self._close_down(events))

    async def _close_down(self, events):
        events.cancel()  # channels-redis unsubscribes the socket's channel as its receive ends
        await asyncio.gather(events, return_exceptions=True)
        # disconnect() normally ran; if the server cancelled us first, clean up here
        await self._cleanup()

    async def dispatch(self, message):
        """Channels' dispatch without its database hop per message.

        Channels closes stale database connections before every handler, through the process's
        one shared database thread: a new socket's `websocket.connect` then waited behind every
        other socket's frames, and each client frame paid a thread hop for nothing. Every
        database call here goes through `database_sync_to_async`, which closes stale
        connections itself, in the thread that uses them.
        """
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def _join_hub(self, room_id):
        self.hub_rooms.add(room_id)
        await self.hub.join(room_id, self)

    async def _leave_hub(self, room_id):
        if room_id in self.hub_rooms:
            await self.hub.leave(room_id, self)
            self.hub_rooms.discard(room_id)

    async def room_event(self, event):
        """Called by the room hub for each event of a room this socket joined."""
        room_id = event.get("room")
        if event.get("type") == "room.recheck":
            if room_id in self.rooms or room_id in self.checking:
                _spawn(self._recheck([room_id]))
        elif room_id in self.paused:
            self.paused[room_id].append(event)
        elif room_id in self.rooms:
            await self._forward(event)
        elif room_id in self.joining:
            self.joining[room_id].append(event)

    async def _event_loop(self):
        receive = self.channel_receive
        await self.connected.wait()  # events before the socket opened wait in the channel
        while True:
            event = await receive()
            try:
                await self._event(event)
            except Exception:  # one bad event must not end the socket's deliveries
                logger.exception("channel-layer event failed: %s", event.get("type"))

    async def _event(self, event):
        kind = event.get("type")
        if kind == "user.frame":
            await self._forward(event)
        elif kind == "user.revoke":
            await self._revoke(event)
        elif kind == "user.recheck":
            ended = event.get("session")
            if ended is None:
                await self._recheck(list(self.rooms) + list(self.checking), session=True)
            elif ended == self._session_key():
                await self._close(protocol.CLOSE_SESSION_ENDED)  # signed out in another tab

    async def _recheck(self, room_ids, session=False):
        """Access changed (events.access_changed): check the session and the rooms again.

        The rooms' events are held meanwhile and forwarded only if the check passes, so a socket
        that just lost its access receives nothing more. A room whose subscription is still being
        checked is checked again once that finishes (its check may have read the old access).
        """
        if self.closing:
            return
        if session and self.authenticated:
            user = await database_sync_to_async(identity.session_user)(self._session_key(), self.user)
            if user is None:
                await self._close(protocol.CLOSE_SESSION_ENDED)
                return
            self.user = user
        for room_id in room_ids:
            if room_id in self.checking:
                self.recheck_after_checking.add(room_id)
        room_ids = [r for r in room_ids if r in self.rooms and r not in self.paused]
        if not room_ids:
            return
        for room_id in room_ids:
            self.paused[room_id] = []
        try:
            still_readable = database_sync_to_async(protocol.room_owner().still_readable)
            readable = await still_readable(self.user, room_ids)
        except Exception:
            # Could not tell (the database is away): fail closed. The client reconnects and
            # subscribes again, which checks again and catches up by seq: nothing is lost.
            logger.exception("re-checking a socket's rooms failed")
            await self._close(protocol.CLOSE_TRY_AGAIN)
            return
        for room_id in room_ids:
            held = self.paused.pop(room_id, [])
            if room_id not in readable:
                await self._revoke({"room": room_id})
            elif room_id in self.rooms:
                for event in held:
                    await self._forward(event)

    def _session_key(self):
        return getattr(self.scope.get("session"), "session_key", None)

    async def _close(self, code):
        """Close from the server side: no frame is processed or sent after this."""
        if self.closing:
            return
        self.closing = True
        await self.close(code=code)

    async def _forward(self, event):
        if self.closing:
            return
        texts = event.get("texts")
        text = texts.get(self.language) if texts else None
        if text is None:
            text = event.get("text")
        if text is None:
            text = encode(event["frame"])
        # straight to the server (AsyncWebsocketConsumer.send adds two coroutine calls per frame)
        await self.base_send({"type": "websocket.send", "text": text})

    async def _revoke(self, event):
        room_id = event.get("room")
        if room_id in self.checking:
            # The subscription's check may have read the access just before it was taken away.
            self.revoked_while_checking.add(room_id)
            return
        if room_id not in self.rooms:
            return
        community_id = self.rooms.pop(room_id)
        await self._leave_hub(room_id)
        await self._send(
            error_frame("forbidden", _("You no longer have access to this room."), ref=room_id)
        )
        await self._left_room(room_id, community_id)

    # --- client frames ---------------------------------------------------------

    async def receive(self, text_data=None, bytes_data=None):
        if self.closing:
            return
        if self._flooding():
            await self._refuse(ActionError("rate_limited", _("Too many frames; slow down.")))
            return
        try:
            frame = protocol.parse_frame(text_data, bytes_data)
        except ActionError as error:
            await self._refuse(error)
            return
        kind = frame["type"]
        if not self.authenticated and kind not in protocol.ANONYMOUS_FRAMES:
            await self._send(
                error_frame("forbidden", _("Sign in to take part in discussions."), ref=kind)
            )
            return
        try:
            if kind == "ping":
                await self._ping()
            elif kind == "subscribe":
                if frame["room"] not in self.rooms and len(self.rooms) + len(
                    self.checking
                ) >= limit("DISCUSSIONS_MAX_ROOMS_PER_SOCKET"):
                    # a page follows one room; a socket asking for hundreds is a scraper or a bug
                    raise ActionError(
                        "too_many_rooms",
                        _("This connection follows too many rooms; close some tabs or reload."),
                        ref=frame["room"],
                    )
                await self._subscribe(frame["room"], frame.get("since", 0))
            elif kind == "unsubscribe":
                await self._unsubscribe(frame["room"])
            elif kind == "typing":
                await self._typing(frame["room"])
            else:
                handler = protocol.registered_handler(kind)
                replies = await database_sync_to_async(identity.call_frame_handler)(
                    handler, self.user, frame
                )
                for reply in replies or ():
                    await self._send(reply)
        except ActionError as error:
            await self._answer_refusal(kind, frame, error_frame(error.code, error.detail, error.ref))
        except Exception:
            # A backend fault (the database or Redis away): answer instead of closing with 1011.
            # `unavailable` is retryable: the client keeps the post in its outbox and resends it
            # with the same client_id, which can never make a second message.
            logger.exception("a %s frame failed on a backend fault", kind)
            await self._answer_refusal(
                kind,
                frame,
                error_frame(
                    "unavailable", _("The server is having trouble. Your message will be sent again.")
                ),
            )

    async def _answer_refusal(self, kind, frame, reply):
        if kind == "post":
            reply["client_id"] = frame["client_id"]  # the client matches it to its outbox entry
        await self._send(reply)

    async def _ping(self):
        await self._send({"type": "pong"})
        if self.person is None:
            return
        now = time.monotonic()
        if now - self.last_refresh > PRESENCE_REFRESH:
            self.last_refresh = now
            communities = {cid for cid in self.rooms.values() if cid is not None}
            # on the event loop (one Redis call), never queued behind posts on the database thread
            await _bounded(
                presence.presence_refresh(communities, self.channel_name, self.person), "presence"
            )
        if now - self.last_seen > presence.LAST_SEEN_EVERY:
            self.last_seen = now
            await database_sync_to_async(presence.touch_last_seen)(self.person["id"])

    async def _subscribe(self, room_id, since):
        # Join the group first, then check and read the backlog in one thread hop: nothing
        # committed in between is missed (a message may come twice; the client drops it by seq).
        # room.frame events for a room being joined are held in self.joining and forwarded only
        # after the permission check passed and the backlog went out.
        first_time = room_id not in self.rooms
        if first_time:
            self.joining[room_id] = []
        self.checking.add(room_id)
        self.revoked_while_checking.discard(room_id)
        try:
            await self._join_hub(room_id)
            try:
                community_id, backlog = await database_sync_to_async(protocol.room_owner().subscribe)(
                    self.user, room_id, since
                )
            except ActionError:
                self.joining.pop(room_id, None)
                self.rooms.pop(room_id, None)  # a refused re-subscribe drops the room too
                await self._leave_hub(room_id)
                raise
            await self._send(backlog)
            # Frames that came while we checked: after the backlog, then live (the client drops
            # repeats).
            buffered = self.joining.pop(room_id, None) if first_time else None
            while buffered:
                self.joining[room_id] = []
                for event in buffered:
                    await self._forward(event)
                buffered = self.joining.pop(room_id)
            self.rooms[room_id] = community_id
        finally:
            self.checking.discard(room_id)
        if room_id in self.revoked_while_checking:
            # Access was taken away while we checked (the check may have read it just before):
            # the revocation wins, as it would have a moment later.
            self.revoked_while_checking.discard(room_id)
            self.recheck_after_checking.discard(room_id)
            await self._revoke({"room": room_id})
            return
        if room_id in self.recheck_after_checking:
            self.recheck_after_checking.discard(room_id)
            await self._recheck([room_id])
            if room_id not in self.rooms:
                return
        if community_id is not None:
            await self._presence_on_subscribe(community_id, room_id, first_time)

    async def _presence_on_subscribe(self, community_id, room_id, first_time):
        """Send the subscriber who is online; a newcomer is marked online and announced."""
        if first_time and self.person is not None:
            online = await _bounded(
                presence.presence_join(community_id, self.channel_name, self.person), "presence"
            )
            announce = online is not None and await _bounded(
                presence.presence_claim_broadcast(community_id), "presence"
            )
        else:
            online = await _bounded(presence.presence_online(community_id), "presence")
            announce = False
        if online is not None:
            await self._send(presence.presence_frame(community_id, online))
        if announce:
            _spawn(_broadcast_presence(self.channel_layer, community_id, [room_id]))

    async def _unsubscribe(self, room_id):
        if room_id not in self.rooms:
            return
        community_id = self.rooms.pop(room_id)
        await self._leave_hub(room_id)
        await self._left_room(room_id, community_id)

    async def _left_room(self, room_id, community_id):
        """After a room is dropped: leave its community's presence when it was the last one here."""
        if (
            community_id is not None
            and self.person is not None
            and community_id not in self.rooms.values()
        ):
            await _bounded(presence.presence_leave(community_id, self.channel_name), "presence")
            await self._announce_presence(community_id, {room_id: community_id, **self.rooms})

    async def _typing(self, room_id):
        if room_id not in self.rooms:
            raise ActionError("not_found", _("Subscribe to this room first."), ref=room_id)
        now = time.monotonic()
        if now - self.last_typing.get(room_id, 0) < limit("DISCUSSIONS_TYPING_INTERVAL"):
            return  # quietly dropped: typing is a hint, not an action
        self.last_typing[room_id] = now
        typing = await _bounded(presence.typing_mark(room_id, self.person), "typing")
        if typing is None:
            return
        frame = {"type": "typing", "room": room_id, "user": self.person, "typing": typing}
        await events.publish_room_frame(self.channel_layer, room_id, frame)

    async def _announce_presence(self, community_id, rooms):
        """Schedule one `presence` broadcast to the rooms this change concerns (coalesced per interval)."""
        room_ids = [room_id for room_id, cid in rooms.items() if cid == community_id]
        if not room_ids:
            return
        if not await _bounded(presence.presence_claim_broadcast(community_id), "presence"):
            return  # someone announces within the interval; they read the list then
        asyncio.get_running_loop().create_task(
            _broadcast_presence(self.channel_layer, community_id, room_ids)
        )

    # --- abuse control -----------------------------------------------------------

    def _flooding(self):
        now = time.monotonic()
        window = limit("DISCUSSIONS_FRAME_WINDOW")
        while self.recent_frames and self.recent_frames[0] <= now - window:
            self.recent_frames.popleft()
        self.recent_frames.append(now)
        return len(self.recent_frames) > limit("DISCUSSIONS_MAX_FRAMES_PER_WINDOW")

    async def _refuse(self, error):
        """A frame the protocol refuses: say why; close with 4008 when it keeps happening."""
        now = time.monotonic()
        window = limit("DISCUSSIONS_BAD_FRAMES_WINDOW")
        while self.bad_frames and self.bad_frames[0] <= now - window:
            self.bad_frames.popleft()
        self.bad_frames.append(now)
        await self._send(error_frame(error.code, error.detail, error.ref))
        if len(self.bad_frames) >= limit("DISCUSSIONS_BAD_FRAMES_BEFORE_CLOSE"):
            await self._close(protocol.CLOSE_POLICY)

    async def _send(self, frame):
        if self.closing:
            return
        await self.send(text_data=encode(frame))


def _spawn(coroutine):
    task = asyncio.get_running_loop().create_task(coroutine)
    _pending.add(task)  # keep a reference until it is done
    task.add_done_callback(_pending.discard)


async def _broadcast_presence(layer, community_id, room_ids):
    """After the interval, send the community's current presence to the rooms (survives the socket)."""
    await asyncio.sleep(limit("DISCUSSIONS_PRESENCE_INTERVAL"))
    online = await _bounded(presence.presence_online(community_id), "presence")
    if online is None:
        return
    frame = presence.presence_frame(community_id, online)
    for room_id in room_ids:
        await events.publish_room_frame(layer, room_id, frame)


BACKEND_TIMEOUT = 3  # seconds a socket waits on Redis for presence or its group before giving up


async def _bounded(awaitable, what):
    """The awaitable's result, or None when the backend failed or took longer than BACKEND_TIMEOUT.

    Presence, typing and group bookkeeping are hints with their own expiry: a backend fault
    costs a stale list for a while, never the socket.
    """
    try:
        return await asyncio.wait_for(awaitable, BACKEND_TIMEOUT)
    except asyncio.CancelledError:
        raise
    except Exception:  # noqa: BLE001 - logged; the caller carries on without it
        logger.warning("%s: the backend did not answer", what, exc_info=True)
        return None


def _unwrap(user):
    """The real user object behind Channels' lazy scope["user"] (resolved by AuthMiddleware)."""
    wrapped = getattr(user, "_wrapped", None)
    if wrapped is not None and wrapped is not empty:
        return wrapped
    return user

