"""Soak: two Daphne processes on Redis, many realistic clients for minutes, then two stress ends.

    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/ws_soak.py [--clients 1000 --minutes 10]

--clients sockets per process (1,000 by default, so 2,000 in all), split over two Daphne
processes on one Redis (its own CHANNEL_LAYER_PREFIX per run), in one public room. The
clients behave as static/js/room.js does (bench/ws_fanout.py's LiveClient): signed-in
members (presence in play), a ping at the room page's interval (25 s; --ping-interval to
change it; the first ping jittered), 5% of them per minute (--churn) dropping their socket
and reconnecting with `since` = the last seq they saw. A sender on the first process posts
--rate posts/s (5) through the full stack for --minutes minutes (10). Then:

  figures    p50/p99 post→delivery (backlog deliveries after a reconnect included), posts
             acknowledged/sent, every post seen exactly once per client (after seq de-dup),
             pongs and reconnects, each process's RSS and open files at the start of the load
             and at its end (/proc/<pid>/status, /proc/<pid>/fd)
  mass drop  every socket dropped at the same moment (no close handshake); after --settle
             seconds the channels still subscribed in Redis (`PUBSUB CHANNELS <prefix>*`)
             are leaked subscriptions
  stall      one more client (a raw socket with a tiny SO_RCVBUF) subscribes on the second
             process and stops reading while the sender goes on posting (bodies of
             --stall-body characters, so the bound is reached in seconds, not hours): the
             server's RSS growth meanwhile, and whether the server closed the socket (it
             bounds unsent bytes with WEBSOCKET_MAX_UNSENT_BYTES, 1 MB, close code 4009)

It starts and stops its own Daphne processes and its own SQLite database (bench/settings.py,
as ws_fanout.py does), only on loopback; every loop is bounded.
"""

import argparse
import asyncio
import base64
import json
import os
import secrets
import shutil
import socket
import struct
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ws_fanout import (  # noqa: E402
    BODY,
    LiveClient,
    build_world,
    churn,
    connect,
    live_totals,
    page_ping_interval,
    raise_fd_limit,
    server_env,
    start_daphne,
)

HIST_MAX_MS = 120_000
TCP_ESTABLISHED = 1


class Tally:
    """Deliveries per client and post, latencies in a 1 ms histogram: bounded memory at 2,000 × 3,000."""

    def __init__(self, clients, posts):
        self.counts = [bytearray(posts) for _ in range(clients)]
        self.hist = [0] * (HIST_MAX_MS + 1)
        self.sent_at = {}
        self.first = 0  # first deliveries
        self.repeats = 0  # repeats across a re-subscribe (room.js drops them by seq)
        self.run = -1  # the warm-up post is not counted

    def deliver_for(self, index):
        counts = self.counts[index]

        def deliver(message, now, backlog):
            match = BODY.search(message.get("body") or message.get("body_html") or "")
            if not match or int(match.group(1)) != self.run:
                return
            key = int(match.group(2))
            if key >= len(counts):
                return
            seen = counts[key]
            counts[key] = min(seen + 1, 255)
            if seen:
                self.repeats += 1
                return
            sent = self.sent_at.get(key)
            if sent is None:
                return
            self.first += 1
            self.hist[min(int((now - sent) * 1000), HIST_MAX_MS)] += 1

        return deliver

    def percentile(self, p):
        total = sum(self.hist)
        if not total:
            return None
        want = max(1, round(p / 100 * total))
        running = 0
        for ms, n in enumerate(self.hist):
            running += n
            if running >= want:
                return ms
        return HIST_MAX_MS

    def lost(self, posts):
        return sum(counts[:posts].count(0) for counts in self.counts)


REDIS_PORT = [6379]  # set from REDIS_URL in main()


def _tcp_remote_ports(pid):
    """inode → remote port of the TCP sockets in /proc/<pid>/net/tcp{,6} (0 for a listener)."""
    ports = {}
    for table in ("tcp", "tcp6"):
        try:
            with open(f"/proc/{pid}/net/{table}") as rows:
                next(rows)
                for row in rows:
                    fields = row.split()
                    ports[fields[9]] = int(fields[2].rsplit(":", 1)[1], 16)
        except OSError:
            continue
    return ports


def proc_stats(pid):
    """RSS and open files of a process; its sockets split into Redis connections and the rest."""
    rss_kb = None
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                rss_kb = int(line.split()[1])
    remote = _tcp_remote_ports(pid)
    fds = sockets = to_redis = 0
    for name in os.listdir(f"/proc/{pid}/fd"):
        fds += 1
        try:
            target = os.readlink(f"/proc/{pid}/fd/{name}")
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            sockets += 1
            to_redis += remote.get(target[8:-1]) == REDIS_PORT[0]
    return {"rss_kb": rss_kb, "fds": fds, "sockets": sockets, "redis": to_redis}


def change(before, after):
    return f"{(after - before) / before * 100:+.1f}%" if before else "—"


def masked_text_frame(text):
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81, 0x80 | len(payload)])  # short frames only (< 126 bytes)
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def stalled_reader(port, cookie, room_id):
    """A signed-in raw WebSocket that subscribes, reads the start of its backlog, then stops reading."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.settimeout(30)
    sock.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /ws/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            f"Origin: http://127.0.0.1:{port}\r\nCookie: sessionid={cookie}\r\n\r\n"
        ).encode()
    )
    seen = b""
    while b"\r\n\r\n" not in seen:
        chunk = sock.recv(4096)
        if not chunk:
            raise RuntimeError("the stalled reader's handshake failed")
        seen += chunk
    if b" 101 " not in seen.split(b"\r\n", 1)[0]:
        raise RuntimeError(f"the stalled reader was refused: {seen[:200]!r}")
    sock.sendall(
        masked_text_frame(json.dumps({"type": "subscribe", "room": room_id, "since": 10**12}))
    )
    for _ in range(1000):
        if b'"backlog"' in seen:
            return sock
        seen += sock.recv(4096)
    raise RuntimeError("the stalled reader got no backlog")


def tcp_state(sock):
    return struct.unpack("B", sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 1))[0]


def drain(sock, limit_s=10):
    """Read what the server still sends; True if its 4009 close frame is among it."""
    sock.settimeout(1)
    data = b""
    deadline = time.monotonic() + limit_s
    try:
        while time.monotonic() < deadline:
            chunk = sock.recv(1 << 20)
            if not chunk:
                break
            data = (data + chunk)[-4096:]
            if b"\x0f\xa9too slow" in data:
                return True
    except OSError:
        pass
    return b"\x0f\xa9too slow" in data


async def post(sender, room_id, body):
    await sender.send(
        json.dumps(
            {"type": "post", "room": room_id, "client_id": secrets.token_hex(8), "body": body}
        )
    )


async def soak(args, world, workdir, redis_url):
    import redis.asyncio

    prefix = f"soak{secrets.token_hex(4)}"
    env = server_env(workdir, redis_url=redis_url, prefix=prefix)
    room_id = world["room_id"]
    cookies = world["receiver_sessions"]
    total = 2 * args.clients
    posts = max(1, round(args.minutes * 60 * args.rate))
    out = {"prefix": prefix, "clients_per_process": args.clients, "minutes": args.minutes}
    server = redis.asyncio.Redis.from_url(redis_url)
    a, port_a = start_daphne(env, workdir, "soak-a")
    try:
        b, port_b = start_daphne(env, workdir, "soak-b")
        try:
            procs = {"A": a.proc.pid, "B": b.proc.pid}
            out["idle"] = {name: proc_stats(pid) for name, pid in procs.items()}
            interval = args.ping_interval or await asyncio.to_thread(
                page_ping_interval, port_a, cookies[0], room_id
            )
            out["ping_interval"] = interval
            tally = Tally(total, posts)
            sem = asyncio.Semaphore(50)
            clients = [
                LiveClient(
                    port_a if i < args.clients else port_b,
                    cookies[i],
                    room_id,
                    tally.deliver_for(i),
                    interval,
                    sem,
                )
                for i in range(total)
            ]
            t0 = time.perf_counter()
            print(f"connecting {total} clients ...", flush=True)
            await asyncio.gather(*(client.open() for client in clients))
            out["connect_s"] = time.perf_counter() - t0
            runners = [asyncio.create_task(client.run()) for client in clients]
            stop_churn = asyncio.Event()
            churner = asyncio.create_task(churn(clients, args.churn, stop_churn))
            sender = await connect(port_a, world["sender_session"], sem)
            acks = {"ack": 0, "error": 0, "first_error": None}

            async def sender_reader(ws):
                async for text in ws:
                    frame = json.loads(text)
                    if frame.get("type") in ("ack", "error"):
                        acks[frame["type"]] += 1
                        if frame["type"] == "error" and acks["first_error"] is None:
                            acks["first_error"] = frame

            reading = asyncio.create_task(sender_reader(sender))
            # warm-up (not measured): the first post through a fresh process pays for imports
            await post(sender, room_id, "bench-0-0")
            await asyncio.sleep(3)
            acks.update(ack=0, error=0)
            tally.run = 1
            out["start"] = {name: proc_stats(pid) for name, pid in procs.items()}
            print(
                f"connected in {out['connect_s']:.1f} s; posting {posts} posts at {args.rate}/s "
                f"for {args.minutes:g} min ...",
                flush=True,
            )
            start = time.perf_counter()
            for i in range(posts):
                delay = start + i / args.rate - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                tally.sent_at[i] = time.perf_counter()
                await post(sender, room_id, f"bench-1-{i}")
                if i and i % round(60 * args.rate) == 0:
                    live = live_totals(clients)
                    print(
                        f"  {i / args.rate / 60:.0f} min: {i} sent, {acks['ack']} acked, "
                        f"p99 so far {tally.percentile(99)} ms, {live['reconnects']} reconnects, "
                        f"{live['pongs']} pongs, RSS A {proc_stats(procs['A'])['rss_kb'] // 1024} MB "
                        f"B {proc_stats(procs['B'])['rss_kb'] // 1024} MB",
                        flush=True,
                    )
            expected = posts * total
            deadline = time.perf_counter() + args.timeout
            while time.perf_counter() < deadline and (
                tally.first < expected or acks["ack"] + acks["error"] < posts
            ):
                await asyncio.sleep(0.2)
            await asyncio.sleep(1.0)  # repeats, if any, arrive now
            out["end"] = {name: proc_stats(pid) for name, pid in procs.items()}
            stop_churn.set()
            await asyncio.gather(churner, return_exceptions=True)
            out["live"] = live_totals(clients)
            out["load"] = {
                "posts": posts,
                "acked": acks["ack"],
                "errors": acks["error"],
                "first_error": acks["first_error"],
                "expected": expected,
                "delivered": tally.first,
                "lost": tally.lost(posts),
                "repeats": tally.repeats,
                "p50_ms": tally.percentile(50),
                "p95_ms": tally.percentile(95),
                "p99_ms": tally.percentile(99),
                "max_ms": max((ms for ms, n in enumerate(tally.hist) if n), default=None),
            }

            # --- mass disconnect: every socket at once, no close handshake --------------------
            out["channels_before_drop"] = len(await server.pubsub_channels(f"{prefix}*"))
            for client in clients:
                client.stopped = True
            reading.cancel()
            for ws in [*(client.ws for client in clients), sender]:
                if ws is not None:
                    ws.transport.abort()
            await asyncio.gather(*runners, reading, return_exceptions=True)
            dropped = time.perf_counter()
            left = await server.pubsub_channels(f"{prefix}*")
            while left and time.perf_counter() - dropped < args.settle:
                await asyncio.sleep(0.5)
                left = await server.pubsub_channels(f"{prefix}*")
            out["leaked"] = len(left)
            out["leaked_sample"] = [c.decode() for c in left[:5]]
            out["settle_s"] = time.perf_counter() - dropped
            await asyncio.sleep(2)  # the processes finish their close-downs before the next phase
            out["after_drop"] = {name: proc_stats(pid) for name, pid in procs.items()}

            # --- stalled reader --------------------------------------------------------------
            out["stall"] = await stall_phase(args, world, port_a, port_b, procs["B"])
        finally:
            b.stop()
    finally:
        a.stop()
        await server.aclose()
    return out


async def stall_phase(args, world, port_a, port_b, pid_b):
    room_id = world["room_id"]
    sender = await connect(port_a, world["sender_session"], asyncio.Semaphore(1))
    drain_acks = asyncio.create_task(_discard(sender))
    before = proc_stats(pid_b)["rss_kb"]
    sock = await asyncio.to_thread(stalled_reader, port_b, world["receiver_sessions"][-1], room_id)
    subscribed = proc_stats(pid_b)["rss_kb"]
    peak = subscribed
    body = ("stall " * (args.stall_body // 6 + 1))[: args.stall_body]
    started = time.perf_counter()
    closed_after = None
    sent = 0
    try:
        while time.perf_counter() - started < args.stall_seconds:
            await post(sender, room_id, body)
            sent += 1
            await asyncio.sleep(1 / args.rate)
            peak = max(peak, proc_stats(pid_b)["rss_kb"])
            if closed_after is None and tcp_state(sock) != TCP_ESTABLISHED:
                closed_after = time.perf_counter() - started
                break
        await asyncio.sleep(2)
        after = proc_stats(pid_b)["rss_kb"]
        saw_4009 = await asyncio.to_thread(drain, sock) if closed_after is not None else False
    finally:
        sock.close()
        drain_acks.cancel()
        await asyncio.gather(drain_acks, return_exceptions=True)
        await sender.close()
    return {
        "posts": sent,
        "body_chars": args.stall_body,
        "rss_before_kb": before,
        "rss_subscribed_kb": subscribed,
        "rss_peak_kb": peak,
        "rss_after_kb": after,
        "closed_after_s": closed_after,
        "close_frame_4009_seen": saw_4009,
        "limit_s": args.stall_seconds,
    }


async def _discard(ws):
    async for _ in ws:
        pass


def mb(kb):
    return f"{kb / 1024:,.1f} MB"


def report(out, args):
    load, live = out["load"], out["live"]
    total = 2 * args.clients
    print()
    print(
        f"Soak: 2 Daphne processes on Redis (prefix {out['prefix']}), {args.clients} sockets each "
        f"({total} in all), {args.minutes:g} min at {args.rate:g} posts/s; realistic clients "
        f"(ping every {out['ping_interval']:g} s, {args.churn:.0%} reconnecting per minute)"
    )
    print(
        f"post→delivery p50 / p95 / p99 / max: {load['p50_ms']} / {load['p95_ms']} / "
        f"{load['p99_ms']} / {load['max_ms']} ms (backlog deliveries after a reconnect included)"
    )
    print(
        f"posts acknowledged / sent: {load['acked']:,} / {load['posts']:,} "
        f"({load['errors']} error frames{', first: ' + str(load['first_error']) if load['first_error'] else ''})"
    )
    print(
        f"deliveries: {load['delivered']:,} of {load['expected']:,}; lost {load['lost']}; every post "
        f"seen exactly once per client after seq de-dup: {'yes' if load['lost'] == 0 else 'NO'}; "
        f"{load['repeats']} repeats across a re-subscribe (dropped by seq, as room.js does)"
    )
    print(
        f"pings {live['pings']:,}, pongs {live['pongs']:,}; reconnects done {live['reconnects']:,} "
        f"({live['failed_reconnects']} failed, {live['server_closes']} sockets closed by the server), "
        f"{live['backlog_deliveries']:,} messages caught up from backlogs"
    )
    for name in ("A", "B"):
        s, e, i = out["start"][name], out["end"][name], out["idle"][name]
        print(
            f"process {name}: RSS {mb(s['rss_kb'])} → {mb(e['rss_kb'])} ({change(s['rss_kb'], e['rss_kb'])}), "
            f"open files {s['fds']} → {e['fds']} ({change(s['fds'], e['fds'])}); idle before clients "
            f"{mb(i['rss_kb'])}, {i['fds']} files; after the mass disconnect "
            f"{mb(out['after_drop'][name]['rss_kb'])}, {out['after_drop'][name]['fds']} files "
            f"({out['after_drop'][name]['sockets']} of them sockets, "
            f"{out['after_drop'][name]['redis']} to Redis; idle {i['sockets']} and {i['redis']})"
        )
    print(
        f"mass disconnect of all {total + 1} sockets at once: {out['channels_before_drop']} channels "
        f"subscribed before; {out['leaked']} leaked subscriptions after {out['settle_s']:.1f} s"
        + (f" (e.g. {', '.join(out['leaked_sample'])})" if out["leaked"] else "")
    )
    st = out["stall"]
    closed = (
        f"closed by the server after {st['closed_after_s']:.1f} s"
        + (" (close code 4009 seen)" if st["close_frame_4009_seen"] else " (its buffer dropped)")
        if st["closed_after_s"] is not None
        else f"NOT closed within {st['limit_s']:g} s"
    )
    print(
        f"stalled reader on process B ({st['posts']} posts of {st['body_chars']} characters): "
        f"RSS {mb(st['rss_subscribed_kb'])} → peak {mb(st['rss_peak_kb'])} "
        f"(+{mb(st['rss_peak_kb'] - st['rss_subscribed_kb'])}), {mb(st['rss_after_kb'])} after; {closed}"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000, help="sockets per Daphne process")
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=5.0, help="posts per second")
    parser.add_argument(
        "--ping-interval",
        type=float,
        default=None,
        help="seconds between a client's pings (default: the room page's, 25 s)",
    )
    parser.add_argument(
        "--churn", type=float, default=0.05, help="fraction of clients reconnecting per minute"
    )
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds to wait for deliveries at the end"
    )
    parser.add_argument(
        "--settle", type=float, default=15.0, help="seconds for the mass disconnect to clean up"
    )
    parser.add_argument("--stall-seconds", type=float, default=120.0)
    parser.add_argument(
        "--stall-body", type=int, default=4000, help="characters per post in the stall phase"
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        sys.exit(
            "ws_soak.py needs Redis: set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379/0); "
            "the two Daphne processes share its pub/sub channel layer."
        )
    from urllib.parse import urlparse

    REDIS_PORT[0] = urlparse(redis_url).port or 6379
    total = 2 * args.clients
    limit = raise_fd_limit(2 * total + 512)
    if limit < total + 128:
        sys.exit(f"file-descriptor limit {limit} is too low for {total} clients")
    workdir = tempfile.mkdtemp(prefix="tc-soak-")
    try:
        print(f"Preparing a bench database and {total + 2} members in {workdir} ...", flush=True)
        world = build_world(server_env(workdir), total + 1)  # + the stalled reader
        out = asyncio.run(soak(args, world, workdir, redis_url))
        report(out, args)
        if args.json:
            Path(args.json).write_text(json.dumps(out, indent=2, default=str))
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
