"""Similar findings at volume (issue 15's target: under 100 ms median at 80,000 findings).

    .venv/bin/python bench/insight_similar.py [--db var/bench.sqlite3] [--runs 30]

`measure(runs)` (for bench/run.py, inside its configured Django) times, in process and after the index is
built: similar findings for a finding, for the largest review, and a search of the whole history (its
first page), each through the functions the pages call, for the bench's business-unit manager; and the
similar-findings page itself through django.test.Client. Returns the medians in ms, the number of
findings, and the seconds the index took to build once.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _median(call: Any, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def measure(runs: int = 30, client: Any = None, person: Any = None) -> dict[str, float]:
    from django.db.models import Count

    from sarhub.insight import similarity
    from sarhub.reviews.models import Finding, Review

    if person is None:
        from run import bench_manager  # bench/run.py (this folder is on the path)

        person = bench_manager()
    similarity.forget()
    started = time.perf_counter()
    idx = similarity.index()
    built = time.perf_counter() - started
    findings = list(Finding.objects.order_by("pk").values_list("pk", flat=True)[:: max(1, len(idx.ids) // runs)])
    sample = list(Finding.objects.filter(pk__in=findings[:runs]).only("pk", "review_id", "text"))
    largest = Review.objects.annotate(n=Count("findings")).order_by("-n", "pk").first()
    assert largest is not None, "the database holds no review: seed it first"
    phrases = ["risk was not shared", "mental capacity assumed", "missed appointments followed up", "family concerns"]
    turn = iter(range(10**9))
    finding_ms = _median(lambda: similarity.similar_to_finding(person, sample[next(turn) % len(sample)]), runs)
    review_ms = _median(lambda: similarity.similar_to_review(person, largest), runs)

    def first_page() -> None:
        result = similarity.search(person, phrases[next(turn) % len(phrases)])
        list(similarity.RankedPage(result)[0:20])

    search_ms = _median(first_page, runs)
    figures = {
        "findings": float(len(idx.ids)),
        "index_build_s": built,
        "similar_finding_ms": finding_ms,
        "similar_review_ms": review_ms,
        "search_ms": search_ms,
    }
    if client is not None:
        from django.urls import reverse

        url = reverse("insight:similar-finding", args=[sample[0].pk])
        client.get(url)
        figures["similar_finding_page_ms"] = _median(lambda: client.get(url), runs)
        search_url = reverse("insight:search") + "?q=risk+was+not+shared"
        client.get(search_url)
        figures["search_page_ms"] = _median(lambda: client.get(search_url), runs)
    return figures


def main(argv: list[str] | None = None) -> int:
    import run  # bench/run.py: the shared database preparation (this folder is on the path)

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench.sqlite3"))
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    path = Path(args.db).resolve()
    run.prepare_db(path, False)
    run.configure_django(path)
    run.seed_if_needed(1.0)
    from django.test.utils import override_settings

    override_settings(DEBUG=False, ALLOWED_HOSTS=["testserver"]).enable()
    staff, _ = run.clients()
    figures = measure(args.runs, client=staff, person=run.bench_manager())
    for name, value in figures.items():
        print(f"{name:<26} {value:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
