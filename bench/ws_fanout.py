"""Fan-out benchmark: one room, N subscribed WebSocket clients, one sender.

The full stack is Daphne + Channels + the discussion consumer: the sender's
`post` frames go through message_post (a committed row with its seq), the
broadcast leaves after commit through the channel layer, and every client
gets the `message` frame. The same load then runs against a bare `websockets`
broadcast server (bench/bare_server.py), the baseline.

Two loads per target, after one warm-up post that is not measured:
  steady     --rate posts/s (default 5) for --steady-posts posts: delivery latency p50/p95/p99
  saturation --burst-posts posts sent back to back: deliveries per second
Each checks zero loss: every client must receive every message exactly once.
With REDIS_URL set, a third target runs two Daphne processes on one Redis,
clients split between them, the sender on the first.

--realistic adds one more row (two processes on Redis when REDIS_URL is set, else one
process) with clients that behave as static/js/room.js does: a signed-in member's
subscription (presence in play), a ping every --ping-interval seconds (by default the
room page's data-ping-interval, 25 s; the first ping jittered), and --churn of the clients
per minute (5%) dropping their socket and reconnecting, subscribing again with `since` =
the last seq they saw. Every post must still reach every client exactly once, backlog
deliveries after a reconnect counted; a repeat across a re-subscribe (which the protocol
allows and room.js drops by seq) is counted apart. The plain rows are unchanged.

    .venv/bin/python bench/ws_fanout.py --clients 1000

Everything runs on loopback, in a temporary SQLite database migrated for the
run (or BENCH_DATABASE_URL, a PostgreSQL database the bench may fill), with
bounded timeouts.
"""

import argparse
import asyncio
import json
import os
import random
import re
import resource
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.request import urlopen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = sys.executable
BODY = re.compile(r"bench-(\d+)-(\d+)")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def raise_fd_limit(needed):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    want = min(hard, max(soft, needed))
    if want > soft:
        resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))
    return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def server_env(workdir, redis_url=None, prefix="bench"):
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "SQLITE_PATH": str(Path(workdir) / "bench.sqlite3"),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
            "CHANNEL_LAYER_PREFIX": prefix,
            "CACHE_KEY_PREFIX": prefix,
            "MEDIA_ROOT": str(Path(workdir) / "media"),
        }
    )
    if os.environ.get("BENCH_DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    if redis_url:
        env["REDIS_URL"] = redis_url
    return env


# --- the world: users, sessions, one public community room ---------------------


def build_world(env, clients):
    """Migrate the bench database and create members, their sessions and the room."""
    subprocess.run(
        [PY, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    os.environ.update({k: env[k] for k in ("DJANGO_SETTINGS_MODULE", "SQLITE_PATH") if k in env})
    if "DATABASE_URL" in env:
        os.environ["DATABASE_URL"] = env["DATABASE_URL"]
    import django

    django.setup()
    from bench.fixtures import make_world

    return make_world(clients)


# --- servers ------------------------------------------------------------------------


class Server:
    def __init__(self, args, env, log):
        self.proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def wait_http(url, proc, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early ({url})")
        try:
            with urlopen(url, timeout=2) as response:  # loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout}s")


def wait_port(port, proc, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("bare server exited early")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("bare server did not start")


def start_daphne(env, workdir, name):
    port = free_port()
    log = open(Path(workdir) / f"{name}.log", "w")  # noqa: SIM115
    server = Server(
        [PY, "-m", "daphne", "-v", "0", "-b", "127.0.0.1", "-p", str(port), "config.asgi:application"],
        env,
        log,
    )
    wait_http(f"http://127.0.0.1:{port}/healthz", server.proc)
    return server, port


def start_bare(workdir):
    port = free_port()
    log = open(Path(workdir) / "bare.log", "w")  # noqa: SIM115
    server = Server([PY, str(ROOT / "bench" / "bare_server.py"), str(port)], os.environ.copy(), log)
    wait_port(port, server.proc)
    return server, port


# --- clients -------------------------------------------------------------------------


class Receiver:
    def __init__(self):
        self.seen = {}  # (run, index) -> count
        self.latencies = []
        self.by_post = {}  # post index → latency of its first delivery
        self.last_at = 0.0


async def connect(port, cookie, connect_sem):
    from websockets.asyncio.client import connect as ws_connect

    headers = {"Origin": f"http://127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = f"sessionid={cookie}"
    async with connect_sem:
        for attempt in range(5):
            try:
                return await ws_connect(
                    f"ws://127.0.0.1:{port}/ws/",
                    additional_headers=headers,
                    compression=None,
                    max_queue=None,
                    ping_interval=None,
                    open_timeout=30,
                )
            except OSError:
                await asyncio.sleep(0.2 * (attempt + 1))
        raise RuntimeError("could not connect")


async def subscribe(ws, room_id):
    await ws.send(json.dumps({"type": "subscribe", "room": room_id, "since": 10**12}))
    while True:
        frame = json.loads(await asyncio.wait_for(ws.recv(), 120))
        if frame.get("type") == "backlog":
            return
        if frame.get("type") == "error":
            raise RuntimeError(f"subscribe refused: {frame}")


async def read_loop(ws, receiver, sent_at, run_id):
    try:
        async for text in ws:
            now = time.perf_counter()
            frame = json.loads(text)
            if frame.get("type") != "message":
                continue
            message = frame["message"]
            match = BODY.search(message.get("body") or message.get("body_html") or "")
            if not match or int(match.group(1)) != run_id[0]:
                continue
            key = int(match.group(2))
            receiver.seen[key] = receiver.seen.get(key, 0) + 1
            receiver.latencies.append(now - sent_at[key])
            receiver.by_post.setdefault(key, now - sent_at[key])
            receiver.last_at = now
    except Exception:  # noqa: BLE001 - a closed socket ends the reader; loss shows in the counts
        return


def page_ping_interval(port, cookie, room_id, default=25.0):
    """The ping interval the room page hands room.js (data-ping-interval), in seconds."""
    from urllib.request import Request

    request = Request(  # loopback only
        f"http://127.0.0.1:{port}/rooms/{room_id}/", headers={"Cookie": f"sessionid={cookie}"}
    )
    try:
        with urlopen(request, timeout=30) as response:
            page = response.read().decode("utf-8", "replace")
    except OSError:
        return default
    match = re.search(r'data-ping-interval="(\d+(?:\.\d+)?)"', page)
    return float(match.group(1)) if match else default


class LiveClient:
    """One client as static/js/room.js is one: signed in, pinging, reconnecting by seq.

    `deliver(message, now, backlog)` is called for every message frame it receives, live or
    in a backlog (repeats too: the caller de-duplicates, as room.js does by seq).
    """

    def __init__(self, port, cookie, room_id, deliver, ping_interval, connect_sem):
        self.port, self.cookie, self.room_id = port, cookie, room_id
        self.deliver = deliver
        self.ping_interval = ping_interval
        self.sem = connect_sem
        self.ws = None
        self.last_seq = 0
        self.pings = self.pongs = self.reconnects = self.backlog_deliveries = 0
        self.server_closes = self.failed_reconnects = 0
        self.dropping = False
        self.stopped = False

    async def open(self):
        self.ws = await connect(self.port, self.cookie, self.sem)
        await self._subscribe(10**12)  # a fresh page: nothing to catch up, the room's last seq

    async def _subscribe(self, since):
        catching_up = since < 10**12
        for _ in range(1000):  # an incomplete backlog is followed by the next page
            frame = {"type": "subscribe", "room": self.room_id, "since": since}
            await self.ws.send(json.dumps(frame))
            while True:
                frame = json.loads(await asyncio.wait_for(self.ws.recv(), 120))
                kind = frame.get("type")
                if kind == "backlog":
                    break
                if kind == "error":
                    raise RuntimeError(f"subscribe refused: {frame}")
                self._handle(frame, time.perf_counter())
            now = time.perf_counter()
            for message in frame.get("messages") or ():
                if catching_up:
                    self.backlog_deliveries += 1
                self._message(message, now, True)
            if frame.get("complete") or not frame.get("messages"):
                self.last_seq = max(self.last_seq, frame.get("last_seq") or 0)
                return
            since = self.last_seq

    def _handle(self, frame, now):
        kind = frame.get("type")
        if kind == "message":
            self._message(frame["message"], now, False)
        elif kind == "pong":
            self.pongs += 1

    def _message(self, message, now, backlog):
        seq = message.get("seq")
        if isinstance(seq, int) and seq > self.last_seq:
            self.last_seq = seq
        self.deliver(message, now, backlog)

    async def _pinger(self, ws):
        await asyncio.sleep(random.uniform(0, self.ping_interval))  # pages do not load in step
        while True:
            await ws.send('{"type":"ping"}')
            self.pings += 1
            await asyncio.sleep(self.ping_interval)

    async def run(self):
        """Read until stopped; a socket that ends (dropped or closed by the server) reconnects."""
        while not self.stopped:
            ws = self.ws
            pinger = asyncio.create_task(self._pinger(ws))
            try:
                async for text in ws:
                    self._handle(json.loads(text), time.perf_counter())
            except Exception:  # noqa: BLE001, S110 - a dropped socket ends the loop; it reconnects
                pass
            finally:
                pinger.cancel()
            if self.stopped:
                return
            if not self.dropping:
                self.server_closes += 1
            try:
                self.ws = await connect(self.port, self.cookie, self.sem)
                await self._subscribe(self.last_seq)
                self.reconnects += 1
            except Exception:  # noqa: BLE001 - counted; tried again after a pause
                self.failed_reconnects += 1
                await asyncio.sleep(1.0)
            finally:
                self.dropping = False

    async def drop(self):
        """Disconnect now (the reader reconnects and subscribes again with since)."""
        if self.dropping or self.stopped or self.ws is None:
            return
        self.dropping = True
        await self.ws.close()

    async def stop(self):
        self.stopped = True
        if self.ws is not None:
            await self.ws.close()


async def churn(clients, per_minute, stop):
    """`per_minute` of the clients (a fraction) drop and reconnect each minute, spread evenly."""
    if per_minute <= 0 or not clients:
        return
    interval = 60.0 / (per_minute * len(clients))
    rng = random.Random(12)
    pending = set()
    while not stop.is_set():
        try:
            await asyncio.wait_for(stop.wait(), interval)
            break
        except TimeoutError:
            pass
        task = asyncio.create_task(rng.choice(clients).drop())
        pending.add(task)
        task.add_done_callback(pending.discard)
    await asyncio.gather(*pending, return_exceptions=True)


def live_totals(clients):
    return {
        "pings": sum(c.pings for c in clients),
        "pongs": sum(c.pongs for c in clients),
        "reconnects": sum(c.reconnects for c in clients),
        "backlog_deliveries": sum(c.backlog_deliveries for c in clients),
        "server_closes": sum(c.server_closes for c in clients),
        "failed_reconnects": sum(c.failed_reconnects for c in clients),
    }


def _counting_deliver(receiver, sent_at, run_id):
    """A LiveClient's deliver: each post counted, its latency taken at its first delivery."""

    def deliver(message, now, backlog):
        match = BODY.search(message.get("body") or message.get("body_html") or "")
        if not match or int(match.group(1)) != run_id[0]:
            return
        key = int(match.group(2))
        count = receiver.seen.get(key, 0)
        receiver.seen[key] = count + 1
        if count or key not in sent_at:
            return  # a repeat: room.js drops it by seq
        receiver.latencies.append(now - sent_at[key])
        receiver.by_post.setdefault(key, now - sent_at[key])
        receiver.last_at = now

    return deliver


async def run_target(name, ports, world, args, realistic=False):
    """Connect the clients (split over `ports`), then run the steady and the burst load."""
    room_id = world["room_id"]
    sem = asyncio.Semaphore(50)
    cookies = world["receiver_sessions"]
    run_id = [0]
    sent_at = {}
    receivers = [Receiver() for _ in range(args.clients)]
    live = []
    stop_churn = asyncio.Event()
    churner = None
    t0 = time.perf_counter()
    if realistic:
        interval = args.ping_interval or await asyncio.to_thread(
            page_ping_interval, ports[0], cookies[0], room_id
        )
        live = [
            LiveClient(
                ports[i % len(ports)],
                cookies[i],
                room_id,
                _counting_deliver(receivers[i], sent_at, run_id),
                interval,
                sem,
            )
            for i in range(args.clients)
        ]
        await asyncio.gather(*(client.open() for client in live))
        sockets = []
        readers = [asyncio.create_task(client.run()) for client in live]
        churner = asyncio.create_task(churn(live, args.churn, stop_churn))
    else:
        interval = None
        sockets = await asyncio.gather(
            *(connect(ports[i % len(ports)], cookies[i], sem) for i in range(args.clients))
        )
        sub_sem = asyncio.Semaphore(50)

        async def subscribe_bounded(ws):
            async with sub_sem:
                await subscribe(ws, room_id)

        await asyncio.gather(*(subscribe_bounded(ws) for ws in sockets))
        readers = [
            asyncio.create_task(read_loop(ws, r, sent_at, run_id))
            for ws, r in zip(sockets, receivers, strict=True)
        ]
    connect_s = time.perf_counter() - t0
    sender = await connect(ports[0], world["sender_session"], sem)
    results = {"target": name, "connect_s": connect_s, "realistic": realistic}
    if realistic:
        results["ping_interval"] = interval
    acks = asyncio.Queue()

    async def sender_reader():
        async for text in sender:
            frame = json.loads(text)
            if frame.get("type") in ("ack", "error"):
                await acks.put(frame)

    sender_task = asyncio.create_task(sender_reader())
    try:
        # One warm-up post, not measured: the first post through a fresh process pays for
        # imports and caches (about 200 ms) that a running server has long paid.
        sent_at[0] = time.perf_counter()
        await sender.send(
            json.dumps(
                {"type": "post", "room": room_id, "client_id": secrets.token_hex(8), "body": "bench-0-0"}
            )
        )
        deadline = time.perf_counter() + args.timeout
        while time.perf_counter() < deadline and any(not r.seen for r in receivers):
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.5)
        while not acks.empty():  # the warm-up's ack is not the steady load's
            acks.get_nowait()
        for load, posts, rate in (
            ("steady", args.steady_posts, args.rate),
            ("saturation", args.burst_posts, None),
        ):
            run_id[0] += 1
            for receiver in receivers:
                receiver.seen, receiver.latencies, receiver.last_at = {}, [], 0.0
                receiver.by_post = {}
            sent_at.clear()
            start = time.perf_counter()
            for i in range(posts):
                if rate:
                    delay = start + i / rate - time.perf_counter()
                    if delay > 0:
                        await asyncio.sleep(delay)
                sent_at[i] = time.perf_counter()
                client_id = secrets.token_hex(8)
                await sender.send(
                    json.dumps(
                        {
                            "type": "post",
                            "room": room_id,
                            "client_id": client_id,
                            "body": f"bench-{run_id[0]}-{i}",
                        }
                    )
                )
            expected = posts * len(receivers)
            deadline = time.perf_counter() + args.timeout
            while time.perf_counter() < deadline:
                if sum(len(r.latencies) for r in receivers) >= expected:
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(0.3)  # duplicates, if any, would arrive now
            errors = []
            while not acks.empty():
                frame = acks.get_nowait()
                if frame["type"] == "error":
                    errors.append(frame)
            latencies = sorted(x for r in receivers for x in r.latencies)
            # The posts whose last delivery came latest: a slow post shows as a tail for every client.
            worst = {}
            for r in receivers:
                for key, latency in r.by_post.items():
                    worst[key] = max(worst.get(key, 0.0), latency)
            slowest = sorted(worst.items(), key=lambda item: -item[1])[:3]
            delivered = sum(1 for r in receivers for c in r.seen.values() if c >= 1)
            duplicates = sum(c - 1 for r in receivers for c in r.seen.values() if c > 1)
            last = max((r.last_at for r in receivers), default=start)
            elapsed = max(last - start, 1e-9)
            results[load] = {
                "posts": posts,
                "expected": expected,
                "delivered": delivered,
                "lost": expected - delivered,
                "duplicates": duplicates,
                "errors": len(errors),
                "first_error": errors[0] if errors else None,
                "p50": pct(latencies, 50),
                "p95": pct(latencies, 95),
                "p99": pct(latencies, 99),
                "max": latencies[-1] if latencies else None,
                "mean": statistics.fmean(latencies) if latencies else None,
                "deliveries_per_s": delivered / elapsed,
                "seconds": elapsed,
                "slowest_posts": slowest,
            }
            await asyncio.sleep(1.0)
    finally:
        stop_churn.set()
        if churner is not None:
            await asyncio.gather(churner, return_exceptions=True)
        if live:
            results["live"] = live_totals(live)
            await asyncio.gather(*(client.stop() for client in live), return_exceptions=True)
        sender_task.cancel()
        for task in readers:
            task.cancel()
        await asyncio.gather(*readers, sender_task, return_exceptions=True)
        await asyncio.gather(*(ws.close() for ws in [*sockets, sender]), return_exceptions=True)
    return results


def pct(values, p):
    if not values:
        return None
    index = min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))
    return values[index]


# --- report ----------------------------------------------------------------------------


def ms(value):
    return "—" if value is None else f"{value * 1000:,.0f} ms"


def print_table(all_results, args):
    print()
    print(
        f"Fan-out: {args.clients} clients in one room; steady {args.rate} posts/s × {args.steady_posts}; "
        f"saturation burst of {args.burst_posts} posts"
    )
    head = f"{'target':<44} {'load':<11} {'p50':>8} {'p95':>8} {'p99':>8} {'deliv/s':>10} {'lost':>6} {'dup':>4} {'err':>4}"
    print(head)
    print("-" * len(head))
    for res in all_results:
        for load in ("steady", "saturation"):
            r = res[load]
            print(
                f"{res['target']:<44} {load:<11} {ms(r['p50']):>8} {ms(r['p95']):>8} {ms(r['p99']):>8} "
                f"{r['deliveries_per_s']:>10,.0f} {r['lost']:>6} {r['duplicates']:>4} {r['errors']:>4}"
            )
    by = {res["target"]: res for res in all_results}
    bare = by.get("bare websockets (baseline)")
    if bare:
        print()
        for res in all_results:
            if res is bare:
                continue
            ratio = bare["saturation"]["deliveries_per_s"] / max(
                res["saturation"]["deliveries_per_s"], 1e-9
            )
            print(f"saturation: baseline / {res['target']} = {ratio:.2f}x (target ≤ 5x)")
    for res in all_results:
        if res["target"] != "bare websockets (baseline)":
            s = res["steady"]
            ok = (
                s["p99"] is not None
                and s["p99"] <= 0.250
                and s["lost"] == 0
                # a realistic client's repeats across a re-subscribe are dropped by seq
                and (s["duplicates"] == 0 or res.get("realistic"))
            )
            print(
                f"{res['target']}: steady p99 {ms(s['p99'])}, lost {s['lost']} → {'PASS' if ok else 'FAIL'} (p99 ≤ 250 ms, zero loss)"
            )
    for res in all_results:
        live = res.get("live")
        if live:
            repeats = res["steady"]["duplicates"] + res["saturation"]["duplicates"]
            lost = res["steady"]["lost"] + res["saturation"]["lost"]
            print(
                f"{res['target']}: ping every {res['ping_interval']:g} s: {live['pings']:,} pings, "
                f"{live['pongs']:,} pongs; {live['reconnects']:,} reconnects done "
                f"({live['failed_reconnects']} failed, {live['server_closes']} closed by the server), "
                f"{live['backlog_deliveries']:,} messages caught up from backlogs; every post seen "
                f"exactly once per client after seq de-dup: {'yes' if lost == 0 else f'no, {lost} lost'}"
                f" ({repeats} repeats across a re-subscribe, dropped by seq as room.js does)"
            )
    for res in all_results:
        slowest = res["steady"]["slowest_posts"]
        if slowest:
            listed = ", ".join(f"#{key} {ms(latency)}" for key, latency in slowest)
            print(f"{res['target']}: slowest steady posts (last delivery) {listed}")
    for res in all_results:
        for load in ("steady", "saturation"):
            if res[load]["first_error"]:
                print(f"{res['target']} {load}: first error frame {res[load]['first_error']}")


async def amain(args, world, workdir):
    results = []
    targets = args.targets.split(",")
    if "channels" in targets:
        server, port = start_daphne(server_env(workdir), workdir, "daphne")
        try:
            results.append(await run_target("Channels + Daphne (1 process)", [port], world, args))
        finally:
            server.stop()
    if "bare" in targets:
        server, port = start_bare(workdir)
        try:
            results.append(await run_target("bare websockets (baseline)", [port], world, args))
        finally:
            server.stop()
    redis_url = os.environ.get("REDIS_URL")
    if "redis" in targets and redis_url:
        prefix = f"bench{secrets.token_hex(3)}"
        env = server_env(workdir, redis_url=redis_url, prefix=prefix)
        a, port_a = start_daphne(env, workdir, "daphne-a")
        try:
            b, port_b = start_daphne(env, workdir, "daphne-b")
            try:
                results.append(
                    await run_target("Channels, 2 processes + Redis", [port_a, port_b], world, args)
                )
            finally:
                b.stop()
        finally:
            a.stop()
    if "live" in targets:
        if redis_url:
            prefix = f"bench{secrets.token_hex(3)}"
            env = server_env(workdir, redis_url=redis_url, prefix=prefix)
            a, port_a = start_daphne(env, workdir, "daphne-live-a")
            try:
                b, port_b = start_daphne(env, workdir, "daphne-live-b")
                try:
                    results.append(
                        await run_target(
                            "2 processes + Redis, realistic clients",
                            [port_a, port_b],
                            world,
                            args,
                            realistic=True,
                        )
                    )
                finally:
                    b.stop()
            finally:
                a.stop()
        else:
            server, port = start_daphne(server_env(workdir), workdir, "daphne-live")
            try:
                results.append(
                    await run_target(
                        "Channels, 1 process, realistic clients", [port], world, args, realistic=True
                    )
                )
            finally:
                server.stop()
    return results


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--rate", type=float, default=5.0, help="steady load, posts per second")
    parser.add_argument("--steady-posts", type=int, default=50)
    parser.add_argument("--burst-posts", type=int, default=100)
    parser.add_argument(
        "--timeout",
        type=float,
        default=60.0,
        help="seconds to wait for deliveries after the last post",
    )
    parser.add_argument(
        "--targets",
        default="channels,bare,redis",
        help="comma-separated: channels, bare, redis, live (the realistic row)",
    )
    parser.add_argument(
        "--realistic",
        action="store_true",
        help="add a row with clients as room.js: pings, presence, reconnects catching up by seq",
    )
    parser.add_argument(
        "--ping-interval",
        type=float,
        default=None,
        help="realistic clients' seconds between pings (default: the room page's, 25 s)",
    )
    parser.add_argument(
        "--churn",
        type=float,
        default=0.05,
        help="realistic clients: the fraction that disconnect and reconnect each minute",
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
    if args.realistic and "live" not in args.targets.split(","):
        args.targets += ",live"
    limit = raise_fd_limit(2 * args.clients + 256)
    if limit < args.clients + 64:
        sys.exit(f"file-descriptor limit {limit} is too low for {args.clients} clients")
    workdir = tempfile.mkdtemp(prefix="tc-bench-")
    try:
        print(f"Preparing a bench database and {args.clients} members in {workdir} ...", flush=True)
        world = build_world(server_env(workdir), args.clients)
        results = asyncio.run(amain(args, world, workdir))
        print_table(results, args)
        if args.json:
            Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    finally:
        if not os.environ.get("BENCH_KEEP"):
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
