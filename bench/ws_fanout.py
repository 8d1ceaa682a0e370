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

    .venv/bin/python bench/ws_fanout.py --clients 1000

Everything runs on loopback, in a temporary SQLite database migrated for the
run (or BENCH_DATABASE_URL, a PostgreSQL database the bench may fill), with
bounded timeouts.
"""

import argparse
import asyncio
import json
import os
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


async def run_target(name, ports, world, args):
    """Connect the clients (split over `ports`), then run the steady and the burst load."""
    room_id = world["room_id"]
    sem = asyncio.Semaphore(50)
    cookies = world["receiver_sessions"]
    t0 = time.perf_counter()
    sockets = await asyncio.gather(
        *(connect(ports[i % len(ports)], cookies[i], sem) for i in range(args.clients))
    )
    sub_sem = asyncio.Semaphore(50)

    async def subscribe_bounded(ws):
        async with sub_sem:
            await subscribe(ws, room_id)

    await asyncio.gather(*(subscribe_bounded(ws) for ws in sockets))
    connect_s = time.perf_counter() - t0
    sender = await connect(ports[0], world["sender_session"], sem)
    results = {"target": name, "connect_s": connect_s}
    run_id = [0]
    sent_at = {}
    receivers = [Receiver() for _ in sockets]
    readers = [
        asyncio.create_task(read_loop(ws, r, sent_at, run_id))
        for ws, r in zip(sockets, receivers, strict=True)
    ]
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
    head = f"{'target':<34} {'load':<11} {'p50':>8} {'p95':>8} {'p99':>8} {'deliv/s':>10} {'lost':>6} {'dup':>4} {'err':>4}"
    print(head)
    print("-" * len(head))
    for res in all_results:
        for load in ("steady", "saturation"):
            r = res[load]
            print(
                f"{res['target']:<34} {load:<11} {ms(r['p50']):>8} {ms(r['p95']):>8} {ms(r['p99']):>8} "
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
                and s["duplicates"] == 0
            )
            print(
                f"{res['target']}: steady p99 {ms(s['p99'])}, lost {s['lost']} → {'PASS' if ok else 'FAIL'} (p99 ≤ 250 ms, zero loss)"
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
        "--targets", default="channels,bare,redis", help="comma-separated: channels, bare, redis"
    )
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)
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
