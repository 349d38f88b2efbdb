#!/usr/bin/env python
"""Page benchmark for SAR Hub at volume (not part of the test suite).

    .venv/bin/python bench/run.py            # seed var/bench.sqlite3 if it is empty, then measure
    .venv/bin/python bench/run.py --reseed   # start again from a fresh database

For each page it times N requests (after warm-ups) through django.test.Client, in-process, with
DEBUG off, and takes the median. Requests go round-robin across the pages, so drift and noise
fall on every page alike. The trivial view /healthz is timed in the same rounds, once by the same
signed-in client as the staff pages and once anonymously, as the baseline for the ratios. Query
counts are taken in a separate pass (capturing queries costs time), and again against a second
database seeded at a small volume (--small-scale), to show whether any page's query count grows
with volume. See docs/performance.md.

The exit code is 0 unless something errors; pages over the target ratio are listed, not failed.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VOLUME_DOMAIN = "volume.invalid"
BENCH_EMAIL = "bench.manager@bench.invalid"
# seed_volume's referrals and reviews (sarhub/demo/volume/referrals.py, sarhub/demo/volume/reviews.py).
VOLUME_ADULT = "Volume Adult "
VOLUME_PSEUDONYM = "Adult V"
JSON_MARK = "BENCH-JSON "
HEALTHZ_SIGNED_IN = "/healthz (signed in)"
HEALTHZ_ANONYMOUS = "/healthz (anonymous)"


@dataclass
class Page:
    label: str
    url: str
    signed_in: bool = True

    @property
    def baseline(self) -> str:
        return HEALTHZ_SIGNED_IN if self.signed_in else HEALTHZ_ANONYMOUS


@dataclass
class Result:
    label: str
    url: str
    signed_in: bool
    median_ms: float = 0.0
    p90_ms: float = 0.0
    queries: int = 0
    small_queries: int | None = None
    small_median_ms: float | None = None
    ratio: float = 0.0
    ratio_anonymous: float = 0.0
    samples_ms: list[float] = field(default_factory=list)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    default_db = os.environ.get("SARHUB_SQLITE_PATH") or str(ROOT / "var" / "bench.sqlite3")
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", default=default_db, help="SQLite file to measure (default SARHUB_SQLITE_PATH or %(default)s)"
    )
    parser.add_argument("--reseed", action="store_true", help="Delete the bench database(s) and seed again")
    parser.add_argument("--scale", type=float, default=1.0, help="seed_volume --scale for the main database")
    parser.add_argument("--small-db", default=str(ROOT / "var" / "bench-small.sqlite3"))
    parser.add_argument("--small-scale", type=float, default=0.02, help="seed_volume --scale for the small database")
    parser.add_argument("--no-small", action="store_true", help="Skip the small-volume query-count comparison")
    parser.add_argument("--runs", type=int, default=30, help="Timed requests per page (default 30)")
    parser.add_argument("--warmups", type=int, default=3, help="Untimed requests per page first (default 3)")
    parser.add_argument("--target", type=float, default=3.0, help="Target: median at most this times /healthz")
    parser.add_argument("--only", default="", help="Measure only pages whose label contains this text")
    parser.add_argument("--sql", action="store_true", help="Print each page's SQL with its time (profiling aid)")
    parser.add_argument("--json", default="", help="Also write the results to this JSON file")
    parser.add_argument(
        "--insight-similar", action="store_true", help="Also time similar findings (bench/insight_similar.py)"
    )
    parser.add_argument("--no-suggestions", action="store_true", help="Skip the theme suggestions' figures")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)  # the small-volume run
    return parser.parse_args(argv)


# --- The database -------------------------------------------------------------------------------------


def inspect_db(path: Path) -> str:
    """'missing', 'empty' (no people yet), 'bench' (holds volume data and nothing else) or 'other'
    (someone's real data, or volume data mixed with anything else: people, referrals or reviews)."""
    if not path.exists():
        return "missing"
    with sqlite3.connect(path) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "partnership_person" not in tables:
            return "empty"
        # Anything not made by seed_volume or by the bench itself (its manager) is someone's data.
        foreign = [
            (
                "partnership_person",
                "email NOT LIKE ? AND email <> ?",
                (f"%@{VOLUME_DOMAIN}", BENCH_EMAIL),
            ),
            ("referrals_referral", "adult_name NOT LIKE ?", (f"{VOLUME_ADULT}%",)),
            ("reviews_review", "pseudonym NOT LIKE ?", (f"{VOLUME_PSEUDONYM}%",)),
        ]
        for table, where, params in foreign:
            if table in tables and db.execute(f"SELECT 1 FROM {table} WHERE {where} LIMIT 1", params).fetchone():  # noqa: S608 (constant names)
                return "other"
        if db.execute("SELECT 1 FROM partnership_person WHERE email LIKE ?", (f"%@{VOLUME_DOMAIN}",)).fetchone():
            return "bench"
        if db.execute("SELECT 1 FROM partnership_person").fetchone():
            return "other"
    return "empty"


def remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def prepare_db(path: Path, reseed: bool) -> None:
    state = inspect_db(path)
    if state == "other":
        raise SystemExit(
            f"{path} holds data that is not bench volume data; the benchmark will not touch it. "
            "Point --db (or SARHUB_SQLITE_PATH) at a separate file."
        )
    if reseed and state != "missing":
        remove_db(path)


def configure_django(path: Path) -> None:
    # Development settings against this SQLite file only (a DATABASE_URL in .env must not win).
    os.environ.setdefault("SARHUB_DEBUG", "true")
    os.environ["SARHUB_DEMO_MODE"] = "false"
    os.environ["SARHUB_SQLITE_PATH"] = str(path)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("SARHUB_LOG_LEVEL", "WARNING")
    # WhiteNoise warns that var/staticfiles/ is missing: assets are served from the finders in DEBUG.
    warnings.filterwarnings("ignore", message="No directory at")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed_if_needed(scale: float) -> None:
    from django.core.management import call_command

    from sarhub.partnership.models import Person
    from sarhub.reviews.models import Review

    path_label = os.environ["SARHUB_SQLITE_PATH"]
    call_command("migrate", verbosity=0)
    if not Person.objects.filter(email__endswith=f"@{VOLUME_DOMAIN}").exists():
        print(f"Seeding {path_label} (scale {scale:g}) ...", flush=True)
        started = time.perf_counter()
        call_command("seed_volume", scale=scale)
        print(f"Seeded in {time.perf_counter() - started:.1f}s", flush=True)
    elif not Review.objects.filter(pseudonym__startswith=VOLUME_PSEUDONYM).exists():
        raise SystemExit(f"{path_label} was seeded before seed_volume made referrals and reviews: run with --reseed.")


def bench_manager() -> Any:
    """The business-unit manager the benchmark signs in as (created once, with no usable password)."""
    from sarhub.core.roles import Role
    from sarhub.partnership.models import Membership, Person

    person = Person.objects.filter(email=BENCH_EMAIL).first()
    if person is None:
        person = Person.objects.create_user(BENCH_EMAIL, None, full_name="Bench Manager", job_title="Benchmark")
    if not Membership.objects.active().filter(person=person, role=Role.BUSINESS_UNIT_MANAGER).exists():
        Membership.objects.create(person=person, role=Role.BUSINESS_UNIT_MANAGER)
    return person


def pages() -> list[Page]:
    from django.db.models import Count

    from sarhub.partnership.models import Agency, Membership
    from sarhub.referrals.models import Referral
    from sarhub.reviews.models import Review

    largest = Agency.objects.annotate(n=Count("memberships")).order_by("-n", "pk").values_list("pk", flat=True)[0]
    busiest = (
        Membership.objects.filter(person__email__endswith=f"@{VOLUME_DOMAIN}")
        .values("person")
        .annotate(n=Count("pk"))
        .order_by("-n", "person")
        .values_list("person", flat=True)[0]
    )
    # The referral with the most scoping requests, and the review with the most findings (seed_volume
    # makes one clearly the largest: 60 findings, 25 recommendations).
    busy_referral = (
        Referral.objects.annotate(n=Count("scoping_requests")).order_by("-n", "pk").values_list("pk", flat=True)[0]
    )
    largest_review = Review.objects.annotate(n=Count("findings")).order_by("-n", "pk").values_list("pk", flat=True)[0]
    from sarhub.actions.models import Action

    busiest_agency = (
        Action.objects.exclude(owner_agency=None)
        .values("owner_agency")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner_agency")
        .values_list("owner_agency", flat=True)[0]
    )
    an_action = Action.objects.filter(updates__isnull=False).order_by("pk").values_list("pk", flat=True)[0]
    from sarhub.actions.annual import current_year

    this_year = current_year()
    return [
        Page(HEALTHZ_SIGNED_IN, "/healthz"),
        Page(HEALTHZ_ANONYMOUS, "/healthz", signed_in=False),
        Page("/ (public home)", "/", signed_in=False),
        Page("/home/", "/home/"),
        Page("/partnership/", "/partnership/"),
        Page("/partnership/agencies/", "/partnership/agencies/"),
        Page("/partnership/agencies/<largest>/", f"/partnership/agencies/{largest}/"),
        Page("/partnership/people/", "/partnership/people/"),
        Page("/partnership/people/?q=Person", "/partnership/people/?q=Person"),
        Page("/partnership/people/<id>/", f"/partnership/people/{busiest}/"),
        Page("/partnership/invitations/", "/partnership/invitations/"),
        Page("/audit/", "/audit/"),
        Page("/audit/?action=sign_in", "/audit/?action=sign_in"),
        Page("/account/", "/account/"),
        Page("/account/sessions/", "/account/sessions/"),
        Page("/account/two-factor/", "/account/two-factor/"),
        Page("/referrals/", "/referrals/"),
        Page("/referrals/?overdue=1", "/referrals/?overdue=1"),
        Page("/referrals/<busiest>/", f"/referrals/{busy_referral}/"),
        Page("/reviews/", "/reviews/"),
        Page("/reviews/?stage=analysis", "/reviews/?stage=analysis"),
        Page("/reviews/?late=1", "/reviews/?late=1"),
        Page("/reviews/<largest>/", f"/reviews/{largest_review}/"),
        Page("/reviews/<largest>/agencies/", f"/reviews/{largest_review}/agencies/"),
        Page("/reviews/<largest>/findings/", f"/reviews/{largest_review}/findings/"),
        Page("/reviews/<largest>/quality/", f"/reviews/{largest_review}/quality/"),
        Page("/reviews/<largest>/family/", f"/reviews/{largest_review}/family/"),
        Page("/reviews/<largest>/documents/", f"/reviews/{largest_review}/documents/"),
        Page("/tasks/", "/tasks/"),
        Page("/actions/ (the plan)", "/actions/"),
        Page("/actions/?status=off_track", "/actions/?status=off_track"),
        Page("/actions/?rag=red", "/actions/?rag=red"),
        Page("/actions/agency/<busiest>/", f"/actions/agency/{busiest_agency}/"),
        Page("/actions/<id>/", f"/actions/{an_action}/"),
        # The business unit's dashboard is its home page (/home/ above); with filters, and the Board's pages.
        Page("/home/?agency=<busiest>&year=<this>", f"/home/?agency={busiest_agency}&year={this_year}"),
        Page("/insight/ (the Board's overview)", "/insight/"),
        Page("/insight/themes/", "/insight/themes/"),
        Page("/insight/quarterly/", "/insight/quarterly/"),
    ]


# --- Measuring ----------------------------------------------------------------------------------------


def clients() -> tuple[Any, Any]:
    from django.test import Client

    from sarhub.accounts.services import end_sessions
    from tests.personas import sign_in

    manager = bench_manager()
    # Each run signs in afresh: end the earlier runs' sessions, or the manager's list of their own
    # sessions (/account/sessions/) would grow by one row a run.
    end_sessions(manager)
    return sign_in(Client(), manager), Client()


def get(client: Any, page: Page) -> Any:
    response = client.get(page.url)
    if response.status_code != 200:
        raise RuntimeError(f"{page.url} answered {response.status_code} (expected 200)")
    return response


def time_pages(selected: list[Page], staff: Any, anonymous: Any, runs: int, warmups: int) -> dict[str, list[float]]:
    samples: dict[str, list[float]] = {page.label: [] for page in selected}
    clock: Callable[[], float] = time.perf_counter
    for round_number in range(warmups + runs):
        for page in selected:
            client = staff if page.signed_in else anonymous
            started = clock()
            get(client, page)
            elapsed = (clock() - started) * 1000
            if round_number >= warmups:
                samples[page.label].append(elapsed)
    return samples


def count_queries(selected: list[Page], staff: Any, anonymous: Any, show_sql: bool) -> dict[str, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts: dict[str, int] = {}
    for page in selected:
        client = staff if page.signed_in else anonymous
        get(client, page)  # settle the session first (e.g. the once-a-minute session touch)
        with CaptureQueriesContext(connection) as captured:
            get(client, page)
        counts[page.label] = len(captured.captured_queries)
        if show_sql:
            print(f"\n--- {page.label} ({page.url}): {len(captured.captured_queries)} queries")
            for query in captured.captured_queries:
                print(f"  {float(query['time']) * 1000:7.2f} ms  {query['sql'][:400]}")
    return counts


def small_volume(args: argparse.Namespace) -> dict[str, Any]:
    """Query counts and medians at the small volume, from a second process (settings bind one database)."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        "--db",
        args.small_db,
        "--scale",
        str(args.small_scale),
        "--runs",
        str(args.runs),
        "--warmups",
        str(args.warmups),
    ]
    if args.reseed:
        command.append("--reseed")
    if args.only:
        command += ["--only", args.only]
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SARHUB_SQLITE_PATH")}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (our own script)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise RuntimeError("the small-volume run failed")
    for line in done.stdout.splitlines():
        if line.startswith(JSON_MARK):
            result: dict[str, Any] = json.loads(line.removeprefix(JSON_MARK))
            return result
    raise RuntimeError("the small-volume run printed no result")


def volumes() -> dict[str, int]:
    from sarhub.accounts.models import UserSession
    from sarhub.audit.models import AuditEvent
    from sarhub.partnership.models import Agency, Invitation, Membership, Person
    from sarhub.referrals.models import Referral, ScopingRequest
    from sarhub.reviews.models import Finding, Review, ReviewRecommendation, StagePlan

    return {
        "agencies": Agency.objects.count(),
        "people": Person.objects.count(),
        "memberships": Membership.objects.count(),
        "invitations": Invitation.objects.count(),
        "audit events": AuditEvent.objects.count(),
        "sessions": UserSession.objects.count(),
        "referrals": Referral.objects.count(),
        "scoping requests": ScopingRequest.objects.count(),
        "reviews": Review.objects.count(),
        "stage plans": StagePlan.objects.count(),
        "findings": Finding.objects.count(),
        "review recommendations": ReviewRecommendation.objects.count(),
    }


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:  # pragma: no cover - not available on this platform
        return "unknown"


# --- Reporting ----------------------------------------------------------------------------------------


def report(results: list[Result], target: float, compared: bool) -> list[str]:
    head = f"{'Page':<34} {'Median ms':>9} {'p90 ms':>7} {'x /healthz':>10} {'x anon':>7} {'Queries':>7}"
    if compared:
        head += f" {'Small q':>7}  Same? {'Small ms':>8}"
    print(head)
    print("-" * len(head))
    over: list[str] = []
    for r in results:
        line = f"{r.label:<34} {r.median_ms:>9.2f} {r.p90_ms:>7.2f} {r.ratio:>10.2f} {r.ratio_anonymous:>7.2f} {r.queries:>7}"
        if compared:
            same = "yes" if r.small_queries == r.queries else "NO"
            small_ms = f"{r.small_median_ms:.2f}" if r.small_median_ms is not None else "-"
            line += f" {r.small_queries if r.small_queries is not None else '-':>7}  {same:<5} {small_ms:>8}"
        print(line)
        if not r.label.startswith("/healthz") and r.ratio > target:
            over.append(r.label)
    print()
    print(
        "Ratios: 'x /healthz' divides by /healthz requested the same way (signed-in pages by the signed-in "
        "client, the public home anonymously); 'x anon' divides by the anonymous /healthz."
    )
    if compared:
        print("'Small q' and 'Small ms': queries and median at the small volume (a second database).")
    return over


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    path = Path(args.db).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    prepare_db(path, args.reseed)
    configure_django(path)
    seed_if_needed(args.scale)

    from django.test.utils import override_settings

    # Time the service as it runs in production: DEBUG off (no query log kept, no debug templates).
    override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver", "localhost", "127.0.0.1"]).enable()

    staff, anonymous = clients()
    selected = [p for p in pages() if p.label.startswith("/healthz") or not args.only or args.only in p.label]

    if args.child:
        child_samples = time_pages(selected, staff, anonymous, args.runs, args.warmups)
        child_counts = count_queries(selected, staff, anonymous, show_sql=False)
        medians = {label: statistics.median(values) for label, values in child_samples.items()}
        print(JSON_MARK + json.dumps({"counts": child_counts, "medians": medians, "volumes": volumes()}))
        return 0

    import django

    sizes = volumes()
    print(f"Database: {path}")
    print("Volumes: " + ", ".join(f"{n:,} {name}" for name, n in sizes.items()))
    print(
        f"Python {sys.version.split()[0]}, Django {django.get_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPU cores; {args.runs} timed runs per page after {args.warmups} warm-ups"
    )
    print(f"Load average before: {load_average()}", flush=True)

    samples = time_pages(selected, staff, anonymous, args.runs, args.warmups)
    counts = count_queries(selected, staff, anonymous, show_sql=args.sql)
    small = None if args.no_small else small_volume(args)

    print(f"Load average after: {load_average()} (other work on the machine makes every figure slower)")
    medians = {label: statistics.median(values) for label, values in samples.items()}
    results: list[Result] = []
    for page in selected:
        values = sorted(samples[page.label])
        results.append(
            Result(
                label=page.label,
                url=page.url,
                signed_in=page.signed_in,
                median_ms=medians[page.label],
                p90_ms=values[min(len(values) - 1, int(len(values) * 0.9))],
                queries=counts[page.label],
                small_queries=small["counts"].get(page.label) if small is not None else None,
                small_median_ms=small["medians"].get(page.label) if small is not None else None,
                ratio=medians[page.label] / medians[page.baseline],
                ratio_anonymous=medians[page.label] / medians[HEALTHZ_ANONYMOUS],
                samples_ms=[round(v, 3) for v in samples[page.label]],
            )
        )

    print()
    if small is not None:
        print("Small volume: " + ", ".join(f"{n:,} {name}" for name, n in small["volumes"].items()))
        print()
    over = report(results, args.target, compared=small is not None)
    if small is not None:
        grown = [r.label for r in results if r.small_queries != r.queries]
        if grown:
            print(f"Query counts differ between volumes for: {', '.join(grown)}")
        else:
            print(f"Query counts do not grow with volume (same at scale {args.small_scale:g} and at {args.scale:g}).")
    if over:
        print(f"Over the target (median more than {args.target:g}x /healthz): {', '.join(over)}")
    else:
        print(f"Every page is within the target (median at most {args.target:g}x /healthz).")

    if args.insight_similar:
        from insight_similar import measure  # bench/insight_similar.py, beside this file

        print()
        for name, value in measure(args.runs, client=staff).items():
            print(f"Similar findings: {name:<26} {value:10.2f}")

    if not args.no_suggestions and not args.only:
        import insight_suggest  # bench/insight_suggest.py: recall at 5 and the time per suggestion (issue 15)

        insight_suggest.report()
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "volumes": sizes,
                    "runs": args.runs,
                    "warmups": args.warmups,
                    "target": args.target,
                    "cpu_count": os.cpu_count(),
                    "small_volumes": small["volumes"] if small is not None else None,
                    "results": [asdict(r) for r in results],
                },
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
