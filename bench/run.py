"""`make bench`: the WebSocket fan-out benchmark with its default load.

1,000 clients in one room: 5 posts/s for latency, a burst for saturation,
against the full stack and a bare `websockets` baseline; with REDIS_URL set,
also two Daphne processes on one Redis. One more row has realistic clients
(`--realistic`: pings, presence, 5% reconnecting per minute and catching up by seq), on
two processes and Redis when REDIS_URL is set. Extra arguments go to ws_fanout.py
(e.g. `bench/run.py --clients 200 --ping-interval 5`).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ws_fanout import main  # noqa: E402

if __name__ == "__main__":
    main(["--realistic", *sys.argv[1:]])
