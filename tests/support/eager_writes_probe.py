"""Run by tests/community/test_eager_writes.py in its own process (it installs a reactor).

A Twisted asyncio-reactor server with eager writes: one client gets a short
reply, another a large one read slowly (the kernel buffer fills, so the rest
must wait for writability). Prints what the clients received as JSON.
"""

import asyncio
import json
import socket
import sys
import threading
import time

from twisted.internet import asyncioreactor

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
asyncioreactor.install(loop)

from twisted.internet import protocol, reactor  # noqa: E402

sys.path.insert(0, sys.argv[1])
from config.eager_writes import install_if_daphne  # noqa: E402

installed = install_if_daphne()
eager = getattr(reactor, "_tc_eager_writes", None)
registered = []
if eager is not None:
    register = eager.add_writer

    def spy(writer):
        registered.append(writer.getPeer().port)
        return register(writer)

    eager.add_writer = spy

SMALL = b"hello, teacher\n"
BIG = bytes(range(256)) * (32 * 1024)  # 8 MiB


class Reply(protocol.Protocol):
    def dataReceived(self, data):
        self.transport.write(SMALL if data.startswith(b"small") else SMALL + BIG)
        self.transport.loseConnection()


factory = protocol.Factory.forProtocol(Reply)
port = reactor.listenTCP(0, factory, interface="127.0.0.1").getHost().port
results = {"installed": installed}


def fetch(request, pause):
    with socket.create_connection(("127.0.0.1", port)) as client:
        client.sendall(request)
        time.sleep(pause)  # a slow reader: the server's writes pile up in the kernel buffer
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
        return client.getsockname()[1], b"".join(chunks)


def clients():
    try:
        small_port, small = fetch(b"small", 0)
        big_port, big = fetch(b"big", 0.5)
        results.update(
            small_ok=small == SMALL,
            big_ok=big == SMALL + BIG,
            big_len=len(big),
            small_registered=small_port in registered,
            big_registered=big_port in registered,
        )
    finally:
        reactor.callFromThread(reactor.stop)


threading.Thread(target=clients, daemon=True).start()
reactor.callLater(30, reactor.stop)
reactor.run()
print(json.dumps(results))
