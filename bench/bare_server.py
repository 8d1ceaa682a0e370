"""The baseline: a bare `websockets` broadcast server speaking the same frames.

No Django, no Channels, no database: a `subscribe` joins the one room, a
`post` is numbered and its `message` frame is encoded once and broadcast to
every subscriber with `websockets.broadcast`; the sender gets an `ack`. What
the full stack adds on top (session auth, permission checks, a committed row,
the channel layer, the consumer) is the difference the benchmark measures.

    python bench/bare_server.py PORT
"""

import asyncio
import json
import sys
import time

from websockets.asyncio.server import broadcast, serve


async def main(port):
    subscribers = set()
    state = {"seq": 0}

    async def handler(ws):
        try:
            async for text in ws:
                frame = json.loads(text)
                kind = frame.get("type")
                if kind == "subscribe":
                    subscribers.add(ws)
                    await ws.send(
                        json.dumps(
                            {
                                "type": "backlog",
                                "room": frame["room"],
                                "messages": [],
                                "complete": True,
                            }
                        )
                    )
                elif kind == "post":
                    state["seq"] += 1
                    message = {
                        "id": state["seq"],
                        "room": frame["room"],
                        "seq": state["seq"],
                        "author": {"id": 1, "name": "Bench sender"},
                        "body": frame["body"],
                        "body_html": "<p>" + frame["body"] + "</p>",
                        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "reactions": [],
                    }
                    broadcast(
                        subscribers,
                        json.dumps({"type": "message", "room": frame["room"], "message": message}),
                    )
                    await ws.send(
                        json.dumps(
                            {"type": "ack", "client_id": frame["client_id"], "message": message}
                        )
                    )
                elif kind == "ping":
                    await ws.send('{"type":"pong"}')
        finally:
            subscribers.discard(ws)

    async with serve(handler, "127.0.0.1", port, max_queue=None, compression=None):
        print("ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1])))
