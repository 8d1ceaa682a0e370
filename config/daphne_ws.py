"""Daphne: answer an oversize WebSocket frame with a close frame (1009) instead of a dropped link.

Autobahn, under Daphne, fails a connection whose message exceeds the server's limit
(`--websocket_max_message_size`, 1 MB by default) by dropping the TCP connection ("failByDrop"),
so the client sees an abnormal closure (1006) and cannot tell abuse from a network failure. With
failByDrop off, Autobahn sends the close frame with code 1009 ("message too big") and then ends
the connection; every other protocol failure likewise gets a close frame first.
"""

import sys


def install_if_daphne():
    """Patch Daphne's WebSocket factory in a Daphne process; True if installed."""
    if "daphne.server" not in sys.modules:
        return False  # not under Daphne: importing its protocol here would pick a reactor
    from daphne.ws_protocol import WebSocketFactory

    if getattr(WebSocketFactory, "_tc_close_frames", False):
        return True
    original = WebSocketFactory.__init__

    def __init__(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.setProtocolOptions(failByDrop=False)

    WebSocketFactory.__init__ = __init__
    WebSocketFactory._tc_close_frames = True
    return True
