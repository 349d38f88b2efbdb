#!/usr/bin/env python
"""Public learning library benchmark (not part of the test suite).

    .venv/bin/python bench/public.py                 # against var/bench.sqlite3 (seeded by bench/run.py)
    .venv/bin/python bench/public.py --seconds 20 --workers 4 --clients 8

Two measurements, against the seed_volume database (thousands of published reviews):

1. **Search**, in-process with DEBUG off: the median server time of a library search over varied words
   (common and rare, one to three words, and hostile strings), with the public page cache emptied before
   every request so each answer is computed. The search query alone is timed too.
2. **Throughput under gunicorn**: gunicorn serves the same database in production mode (DEBUG off,
   collected static files, sync workers); for each page, `--clients` processes request it for
   `--seconds` seconds over fresh connections, and the requests per second are compared with the
   trivial view /healthz measured in the same run. The target is at least half of /healthz's. The load
   comes from ApacheBench (`ab`, in Debian's apache2-utils) when it is installed, otherwise from Python
   processes (which cost more CPU themselves, so on a small machine they understate every page alike).
   Public pages are served to anonymous visitors from the server-side cache (sarhub/publication/
   caching.py); the first request for each address builds it.

Ratios, not absolute times, are the result: the machine's speed and load change both sides alike.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402 (bench/run.py: the shared database preparation)

SEARCHES = [
    "hoarding",
    "capacity",
    "discharge plan",
    "carer assessment",
    "agencies did not share",
    "Adult V00042",
    "self neglect",
    "information sharing",
    "zebra",
    '"unbalanced NEAR( * OR',
    "x" * 500,
    "the",
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench.sqlite3"))
    parser.add_argument("--seconds", type=float, default=10.0, help="Load per page, in seconds (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (default 2)")
    parser.add_argument("--clients", type=int, default=4, help="Concurrent client processes (default 4)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--rounds", type=int, default=15, help="Search rounds over every term (default 15)")
    return parser.parse_args()


def ensure_publications() -> int:
    """Bench databases seeded before publications existed get them now (same generator as seed_volume)."""
    import random

    from django.utils import timezone

    from sarhub.demo.volume.publication import make_publications
    from sarhub.demo.volume.referrals import Staff
    from sarhub.partnership.models import Person
    from sarhub.publication.models import PublicationProposal

    if not PublicationProposal.objects.exists():
        active = Person.objects.filter(is_active=True, email__endswith=f"@{run.VOLUME_DOMAIN}")
        roles: dict[int, set[str]] = {}
        for person_id, role in active.values_list("pk", "memberships__role"):
            roles.setdefault(person_id, set()).add(role)
        print("Adding publications to the bench database ...", flush=True)
        make_publications(rng=random.Random(20260327), now=timezone.now(), staff=Staff.from_roles(roles, roles))
    return PublicationProposal.objects.published().count()


def time_searches(rounds: int) -> dict[str, float]:
    from django.core.cache import cache
    from django.test import Client

    from sarhub.publication import search
    from sarhub.publication.models import PublicationProposal

    client = Client()
    pages: list[float] = []
    queries: list[float] = []
    for _ in range(rounds):
        for term in SEARCHES:
            cache.clear()  # every request computes its answer
            started = time.perf_counter()
            response = client.get("/learning/", {"q": term})
            pages.append((time.perf_counter() - started) * 1000)
            if response.status_code != 200:
                raise RuntimeError(f"search {term[:30]!r} answered {response.status_code}")
            started = time.perf_counter()
            list(search.matching(PublicationProposal.objects.published(), term).values_list("pk", flat=True)[:20])
            queries.append((time.perf_counter() - started) * 1000)
    uncached: dict[str, list[float]] = {"library page uncached median": [], "review page uncached median": []}
    references = list(PublicationProposal.objects.published().values_list("reference", flat=True)[:50])
    for n in range(rounds * len(SEARCHES)):
        for label, address in (
            ("library page uncached median", f"/learning/?page={n % 20 + 1}"),
            ("review page uncached median", f"/learning/{references[n % len(references)]}/"),
        ):
            cache.clear()
            started = time.perf_counter()
            client.get(address)
            uncached[label].append((time.perf_counter() - started) * 1000)
    healthz: list[float] = []
    for _ in range(rounds * len(SEARCHES)):
        started = time.perf_counter()
        client.get("/healthz")
        healthz.append((time.perf_counter() - started) * 1000)
    return {
        "search page median": statistics.median(pages),
        "search page p90": sorted(pages)[int(len(pages) * 0.9)],
        "search query median": statistics.median(queries),
        **{label: statistics.median(values) for label, values in uncached.items()},
        "healthz median": statistics.median(healthz),
    }


def _hammer(port: int, path: str, until: float, out: Any) -> None:
    done = errors = 0
    while time.perf_counter() < until:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status == 200:
                done += 1
            else:
                errors += 1
        except OSError:
            errors += 1
        finally:
            connection.close()
    out.put((done, errors))


def throughput(port: int, path: str, seconds: float, clients: int) -> tuple[float, int]:
    _hammer(port, path, time.perf_counter() + 0.5, multiprocessing.Queue())  # warm: builds the cached page
    ab = shutil.which("ab")
    if ab:  # ApacheBench (apt-get install apache2-utils): a load generator in C costs the server's CPU less
        out = subprocess.run(  # noqa: S603 (ApacheBench, our own arguments)
            [ab, "-q", "-t", str(seconds), "-n", "10000000", "-c", str(clients), f"http://127.0.0.1:{port}{path}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rate = float(next(line for line in out.splitlines() if line.startswith("Requests per second")).split()[3])
        failed = int(next(line for line in out.splitlines() if line.startswith("Failed requests")).split()[2])
        non_2xx = next((int(line.split()[2]) for line in out.splitlines() if line.startswith("Non-2xx")), 0)
        return rate, failed + non_2xx
    queue: Any = multiprocessing.Queue()
    until = time.perf_counter() + seconds
    processes = [multiprocessing.Process(target=_hammer, args=(port, path, until, queue)) for _ in range(clients)]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    return sum(r[0] for r in results) / seconds, sum(r[1] for r in results)


def serve(args: argparse.Namespace, path: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "SARHUB_DEBUG": "false",
        "SARHUB_DEMO_MODE": "false",
        "SARHUB_SECRET_KEY": "bench-only-" + "k" * 50,
        "SARHUB_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SARHUB_SECURE_HTTPS": "false",
        "SARHUB_SQLITE_PATH": str(path),
        "DATABASE_URL": f"sqlite:///{path}",
        "SARHUB_LOG_LEVEL": "WARNING",
    }
    python = sys.executable
    collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, check=True)  # noqa: S603 (our own manage.py)
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    command = [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=env)  # noqa: S603 (our gunicorn)
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def main() -> int:
    args = parse_args()
    path = Path(args.db).resolve()
    run.prepare_db(path, reseed=False)
    run.configure_django(path)
    run.seed_if_needed(1.0)
    published = ensure_publications()

    from django.test.utils import override_settings

    from sarhub.publication.models import PublicationProposal

    override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"]).enable()
    sample = PublicationProposal.objects.published().values_list("reference", flat=True)[published // 2]
    print(f"Database: {path}; {published:,} published reviews; {os.cpu_count()} CPU cores")
    print(f"Load average before: {run.load_average()}")

    searched = time_searches(args.rounds)
    print(
        f"\nIn-process ({args.rounds} rounds of {len(SEARCHES)} search terms; the page cache emptied before each request):"
    )
    for label, value in searched.items():
        print(f"  {label:30} {value:8.2f} ms")
    target = "within" if searched["search page median"] < 50 else "OVER"
    print(f"  Search median is {target} the 50 ms target.")

    pages = [
        ("/healthz", "/healthz"),
        ("/learning/ (the library)", "/learning/"),
        ("/learning/?year=…&route=…", "/learning/?year=2025&route=independent_sar"),
        ("/learning/<reference>/", f"/learning/{sample}/"),
        ("/learning/briefings/", "/learning/briefings/"),
    ]
    server = serve(args, path)
    try:
        print(
            f"\nThroughput under gunicorn ({args.workers} sync workers, {args.clients} clients, "
            f"{args.seconds:g} s a page):"
        )
        rates: dict[str, float] = {}
        for label, address in pages:
            rate, errors = throughput(args.port, address, args.seconds, args.clients)
            rates[label] = rate
            ratio = rate / rates["/healthz"]
            note = (
                ""
                if label == "/healthz"
                else f"  {ratio:4.2f} of /healthz{'' if ratio >= 0.5 else '  (UNDER the 0.5 target)'}"
            )
            print(f"  {label:28} {rate:8.0f} req/s{f', {errors} errors' if errors else ''}{note}")
    finally:
        server.terminate()
        server.wait(10)
    print(f"Load average after: {run.load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
