"""Daphne's WebSocket protocol, two adjustments: close frames on failure, a bound on unsent bytes.

1. Autobahn, under Daphne, fails a connection whose message exceeds the server's limit
   (`--websocket_max_message_size`, 1 MB by default) by dropping the TCP connection
   ("failByDrop"): the client sees an abnormal closure (1006) and cannot tell abuse from a
   network failure. With failByDrop off, Autobahn sends the close frame (1009, "message too
   big") and then ends the connection; other protocol failures likewise get a close frame.

2. Daphne buffers without limit whatever the application sends to a client that does not read
   (a phone that went into a tunnel with its socket open, a stalled reader that still pings):
   the process grew by every room message for as long as such a socket stayed. Here a socket
   whose unsent bytes (in the transport, past what the kernel took) exceed
   WEBSOCKET_MAX_UNSENT_BYTES (1 MB; `0` turns the bound off) is closed with
   CLOSE_TOO_SLOW (4009), its buffer dropped after the close handshake's timeout. Nothing is
   lost: the database is the record, and the client reconnects and catches up by `seq`.
"""

import logging
import os
import sys

logger = logging.getLogger(__name__)

CLOSE_TOO_SLOW = 4009
DEFAULT_MAX_UNSENT_BYTES = 1024 * 1024


def max_unsent_bytes():
    return int(os.environ.get("WEBSOCKET_MAX_UNSENT_BYTES", DEFAULT_MAX_UNSENT_BYTES))


def unsent_bytes(transport):
    """Bytes a Twisted transport holds that the kernel has not taken yet (0 if it cannot tell)."""
    buffer = getattr(transport, "dataBuffer", b"")
    offset = getattr(transport, "offset", 0)
    pending = getattr(transport, "_tempDataLen", 0)
    try:
        return max(len(buffer) - offset, 0) + pending
    except TypeError:
        return 0


def bounded_server_send(original, limit):
    """Daphne's serverSend, refusing to buffer past `limit` for a client that does not read."""

    def serverSend(self, content, binary=False):
        if limit and self.state == self.STATE_OPEN and unsent_bytes(self.transport) > limit:
            logger.info("closing a WebSocket whose client stopped reading (%s)", self.client_addr)
            self.sendClose(code=CLOSE_TOO_SLOW, reason="too slow: reconnect and catch up")
            return
        if self.state in (self.STATE_CLOSING, self.STATE_CLOSED):
            return  # closed from our side already: frames after it have nowhere to go
        return original(self, content, binary)

    return serverSend


def install_if_daphne():
    """Patch Daphne's WebSocket factory and protocol in a Daphne process; True if installed."""
    if "daphne.server" not in sys.modules:
        return False  # not under Daphne: importing its protocol here would pick a reactor
    from daphne.ws_protocol import WebSocketFactory, WebSocketProtocol

    if getattr(WebSocketFactory, "_tc_patched", False):
        return True
    original_init = WebSocketFactory.__init__

    def __init__(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.setProtocolOptions(failByDrop=False)

    WebSocketFactory.__init__ = __init__
    WebSocketProtocol.serverSend = bounded_server_send(
        WebSocketProtocol.serverSend, max_unsent_bytes()
    )
    WebSocketFactory._tc_patched = True
    return True
