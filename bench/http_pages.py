"""Page benchmark: the key pages under concurrent load, against a bare Django view in the same run.

One Daphne process serves the site (bench settings: the dev settings, DEBUG off) from a
temporary SQLite database filled with the demo world (`seed_demo`), or from
BENCH_DATABASE_URL (a PostgreSQL database the bench may fill). The same server answers
`/bench/bare/`, a Django view rendering one small template with no database: the baseline.
A separate client process keeps --connections keep-alive HTTP/1.1 connections busy on each
page for --seconds, anonymously and with a signed-in teacher's session cookie, and reports
requests/s and the p50/p99 latency; the ratio is the page's requests/s over the bare view's.
Query counts come from Django's test client in this process, against the same database.

    .venv/bin/python bench/http_pages.py                  # every page, 4 connections, 4 s each
    .venv/bin/python bench/http_pages.py --seconds 10 --only home,room
    BENCH_DATABASE_URL=postgres://... .venv/bin/python bench/http_pages.py --world large

`--world large` measures the large world (`seed_demo --scale large`, built first when the
database does not hold it yet; on PostgreSQL that takes about twenty minutes): the room is the
one of 100,000 messages, the rare search word is the one the large world seeds. A request that
takes longer than --timeout is counted as a timeout, not waited for.

Loopback only; every wait is bounded.
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.ws_fanout import server_env, start_daphne  # noqa: E402

PY = sys.executable


# --- the load client (runs in its own process) --------------------------------------------


async def _read_response(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding") == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).strip(), 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    return status, headers.get("connection", "") == "close"


async def _worker(port, path, cookie, deadline, latencies, statuses, timeout=30):
    request = (
        f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: text/html\r\n"
        f"Accept-Language: en\r\n{f'Cookie: {cookie}' + chr(13) + chr(10) if cookie else ''}\r\n"
    ).encode()
    reader = writer = None
    while time.monotonic() < deadline:
        if writer is None:
            reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), 10)
        started = time.perf_counter()
        writer.write(request)
        try:
            status, closed = await asyncio.wait_for(_read_response(reader), timeout)
        except TimeoutError:
            # the answer may still come: this connection cannot be reused for the next request
            statuses["timeout"] = statuses.get("timeout", 0) + 1
            writer.close()
            writer = None
            continue
        latencies.append(time.perf_counter() - started)
        statuses[status] = statuses.get(status, 0) + 1
        if closed:
            writer.close()
            writer = None
    if writer is not None:
        writer.close()


async def _load(port, path, cookie, connections, seconds, timeout):
    latencies, statuses = [], {}
    # a short warm-up, not measured (templates compiled, connections opened)
    await asyncio.gather(
        *(
            _worker(port, path, cookie, time.monotonic() + 0.5, [], {}, timeout)
            for _ in range(connections)
        )
    )
    started = time.monotonic()
    deadline = started + seconds
    await asyncio.gather(
        *(
            _worker(port, path, cookie, deadline, latencies, statuses, timeout)
            for _ in range(connections)
        )
    )
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50": latencies[len(latencies) // 2] * 1000 if latencies else None,
        "p99": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] * 1000
        if latencies
        else None,
        "statuses": statuses,
    }


def client_main(spec):
    result = asyncio.run(
        _load(
            spec["port"],
            spec["path"],
            spec["cookie"],
            spec["connections"],
            spec["seconds"],
            spec["timeout"],
        )
    )
    print(json.dumps(result))


def measure(port, path, cookie, args):
    spec = {
        "port": port,
        "path": path,
        "cookie": cookie,
        "connections": args.connections,
        "seconds": args.seconds,
        "timeout": args.timeout,
    }
    done = subprocess.run(
        [PY, __file__, "--client", json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=args.seconds + 2 * args.timeout + 60,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the world -------------------------------------------------------------------------------


def prepare(env, world):
    def manage(*command):
        subprocess.run(
            [PY, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )

    # static files and catalogues first: the pages (and the query counts below) need the manifest
    manage("collectstatic", "--noinput", "-v", "0")
    manage("compile_catalogues")
    manage("migrate", "--noinput", "-v", "0")
    manage("seed_demo", "--if-empty")
    for key in ("DJANGO_SETTINGS_MODULE", "SQLITE_PATH", "DATABASE_URL", "MEDIA_ROOT"):
        if key in env:
            os.environ[key] = env[key]
    import django

    django.setup()
    if world == "large":
        from community.demo_large import large_world_exists

        if not large_world_exists():
            print("building the large world (seed_demo --scale large)...")
            manage("seed_demo", "--scale", "large")


def pages_and_reader(world):
    """The key pages of the demo world (path, signed-in only?) and a signed-in teacher."""
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.db.models import Count

    from cms.models import EventPage, ResourcePage
    from community.discussions.demo_large import RARE_WORD
    from community.discussions.models import Community, Room
    from community.models import User
    from projects.models import Partnership, Project

    partnership = (
        Partnership.objects.filter(status=Partnership.Status.ACCEPTED, user__is_staff=False)
        .select_related("user", "project")
        .order_by("project__published_at", "pk")
        .first()
    )
    reader = partnership.user if partnership else User.objects.filter(is_staff=False).first()
    if world == "large":
        # the room of 100,000 messages and its community
        room = (
            Room.objects.filter(community__visibility=Community.Visibility.PUBLIC)
            .select_related("community")
            .order_by("-last_seq")
            .first()
        )
        community = room.community
    else:
        community = Community.objects.filter(visibility=Community.Visibility.PUBLIC).first()
        room = (
            Room.objects.filter(community=community)
            .annotate(n=Count("messages"))
            .order_by("-n")
            .first()
        )
    resource = ResourcePage.objects.live().filter(locale__language_code="en").first()
    event = EventPage.objects.live().filter(locale__language_code="en").first()
    shown = Project.objects.filter(published_at__isnull=False).first()
    pages = [
        ("home", "/en/", False),
        ("resources", resource.get_parent().url if resource else "/en/", False),
        ("resource", resource.url if resource else "/en/", False),
        ("events", event.get_parent().url if event else "/en/", False),
        ("event", event.url if event else "/en/", False),
        ("communities", "/en/communities/", False),
        ("community", f"/en/communities/{community.slug}/", False),
        ("room", f"/en/rooms/{room.pk}/", False),
        ("projects board", "/en/projects/", False),
        ("project", f"/en/projects/{(shown or partnership.project).pk}/", False),
        ("showcase", "/en/projects/showcase/", False),
        ("statistics", "/en/projects/statistics/", False),
        ("teachers", "/en/teachers/?rural=on&looking=on", False),
        ("search common", "/en/search/?q=teacher", False),
        ("search rare", f"/en/search/?q={RARE_WORD}", False),
        ("workspace", f"/en/projects/{partnership.project.pk}/workspace/", True),
        ("notifications", "/en/notifications/", True),
    ]
    store = SessionStore()
    store["_auth_user_id"] = str(reader.pk)
    store["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[0]
    store["_auth_user_hash"] = reader.get_session_auth_hash()
    store.create()
    return pages, reader, f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def query_count(path, user):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        status = client.get(path).status_code
    return len(queries.captured_queries), status


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--only", default="", help="comma-separated page names")
    parser.add_argument("--world", choices=("small", "large"), default="small")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per request")
    parser.add_argument("--client", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.client:
        client_main(json.loads(args.client))
        return
    workdir = tempfile.mkdtemp(prefix="tc-http-bench-")
    env = server_env(workdir)
    env["ALLOWED_HOSTS"] = "127.0.0.1,localhost,testserver"
    env["MEDIA_ROOT"] = str(Path(workdir) / "media")
    engine = "PostgreSQL" if "DATABASE_URL" in env else "SQLite"
    print(f"preparing the {args.world} world in {engine}...")
    prepare(env, args.world)
    pages, reader, cookie = pages_and_reader(args.world)
    if args.only:
        wanted = {name.strip() for name in args.only.split(",")}
        pages = [page for page in pages if page[0] in wanted]
    server, port = start_daphne(env, workdir, "daphne")
    try:
        bare = measure(port, "/bench/bare/", "", args)
        print(
            f"{args.world} world, {engine}; one Daphne process, {args.connections} connections, "
            f"{args.seconds:g} s per row; "
            f"bare Django view: {bare['rps']:.0f} req/s, p50 {bare['p50']:.1f} ms, "
            f"p99 {bare['p99']:.1f} ms"
        )
        header = f"{'page':16} {'who':9} {'req/s':>7} {'p50 ms':>7} {'p99 ms':>7} {'÷bare':>6} {'queries':>7}"
        print(header)
        print("-" * len(header))
        rows = []
        for name, path, signed_in_only in pages:
            for who in ("visitor", "teacher"):
                if signed_in_only and who == "visitor":
                    continue
                result = measure(port, path, cookie if who == "teacher" else "", args)
                queries, status = query_count(path, reader if who == "teacher" else None)
                bad = {s: n for s, n in result["statuses"].items() if not str(s).startswith("2")}
                ratio = result["rps"] / bare["rps"]
                rows.append({"page": name, "who": who, "path": path, "queries": queries, **result})
                p50, p99 = (
                    f"{result[key]:7.1f}" if result[key] is not None else f"{'-':>7}"
                    for key in ("p50", "p99")
                )
                print(
                    f"{name:16} {who:9} {result['rps']:7.0f} {p50} {p99} {ratio:6.2f} {queries:7d}"
                    + (f"  status {status}, answers {bad}" if bad or status != 200 else "")
                )
        worst = min(rows, key=lambda row: row["rps"])
        print(
            f"median ratio to bare: {statistics.median(r['rps'] for r in rows) / bare['rps']:.2f}; "
            f"slowest: {worst['page']} ({worst['who']}), {worst['rps'] / bare['rps']:.2f} of bare"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
