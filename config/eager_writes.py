"""Daphne's sockets written at once, instead of one epoll registration per frame.

Daphne runs on Twisted's asyncio reactor. A Twisted TCP transport never sends
in `write()`: it buffers the bytes and registers the socket for writability
(`add_writer`, an epoll_ctl call), the loop wakes for it, `doWrite()` sends,
and finding the buffer empty it unregisters (another epoll_ctl). For a room
post fanned out to 1,000 sockets that is 2,000 epoll_ctl calls and 2,000
selector-map updates around the 1,000 sends that matter; measured, about a
quarter of the process's CPU under fan-out load (see bench/).

With this installed, a TCP transport that starts writing is put on a list
instead, and once per loop turn the list is flushed: each transport's
`doWrite()` runs at once, through the reactor's own dispatch, so errors and
lost connections are handled as they always are. A transport whose data did
not all fit in the kernel's buffer (it did not call `stopWriting()`) is then
registered with the loop as before and finishes the usual way. Other readers
and writers are untouched.

Installed by config/asgi.py when the process runs on Twisted's asyncio
reactor (Daphne); `DAPHNE_EAGER_WRITES=0` turns it off.
"""

import logging

logger = logging.getLogger(__name__)


class EagerWrites:
    def __init__(self, reactor):
        from twisted.internet import tcp
        from twisted.python.log import callWithLogger

        self.reactor = reactor
        # Twisted's asyncio reactor internals this relies on (Twisted is pinned in pyproject.toml):
        # read here so that a reactor without them refuses the install instead of failing later.
        self.loop = reactor._asyncioEventloop
        self.registered = reactor._writers
        self.dispatch = reactor._readOrWrite
        self.connection_type = tcp.Connection
        self.call_with_logger = callWithLogger
        self.add_writer = reactor.addWriter
        self.remove_writer = reactor.removeWriter
        self.pending = {}  # transport → None, in the order they started writing
        self.stopped = set()  # transports that called stopWriting() during a flush
        self.flushing = False
        self.scheduled = False

    def install(self):
        self.reactor.addWriter = self.addWriter
        self.reactor.removeWriter = self.removeWriter
        self.reactor._tc_eager_writes = self

    def addWriter(self, writer):
        if not isinstance(writer, self.connection_type) or writer in self.registered:
            return self.add_writer(writer)
        self.stopped.discard(writer)
        if writer not in self.pending:
            self.pending[writer] = None
            if not self.scheduled:
                self.scheduled = True
                self.loop.call_soon(self.flush)

    def removeWriter(self, writer):
        self.pending.pop(writer, None)
        if self.flushing:
            self.stopped.add(writer)
        return self.remove_writer(writer)

    def flush(self):
        self.scheduled = False
        self.flushing = True
        try:
            while self.pending:
                batch, self.pending = self.pending, {}
                for writer in batch:
                    self.stopped.discard(writer)
                    self.call_with_logger(writer, self.dispatch, writer, False)
                    if writer not in self.stopped and writer.fileno() != -1:
                        # Not all of it fitted: let the loop say when the socket can take more.
                        self.add_writer(writer)
        finally:
            self.flushing = False
            self.stopped.clear()


def install_if_daphne():
    """Install on the running Twisted asyncio reactor, if this process has one; True if installed."""
    import os
    import sys

    if os.environ.get("DAPHNE_EAGER_WRITES", "1") in ("0", "false", "no"):
        return False
    if "twisted.internet.reactor" not in sys.modules:
        return False
    from twisted.internet import reactor

    if not hasattr(reactor, "_asyncioEventloop") or hasattr(reactor, "_tc_eager_writes"):
        return False
    try:
        EagerWrites(reactor).install()
    except Exception:  # an unexpected reactor: serve as Twisted would
        logger.exception("eager writes could not be installed")
        return False
    return True
