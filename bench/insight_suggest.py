#!/usr/bin/env python
"""Theme suggestions' benchmark: recall at five suggestions, and the time per suggestion.

Recall at 5 for a finding is the share of its codes (its learning domain, abuse or neglect types and
practice themes) found among the at most five suggestions for its text; the figure given is over all
codes of the set (micro-averaged), with the mean per finding beside it. Three sets:

- the volume findings (seed_volume): a held-out fifth of the reviews, the model trained on the rest.
  seed_volume writes each finding from one or two coded clauses (sarhub/demo/volume/reviews.py,
  FINDING_CLAUSES) and codes it from what it says, so recall there measures how well the model learns the
  Board's way of coding from its own findings; the clauses repeat, so it is an easy test;
- the demo findings (seed_demo, eight): each held out in turn, the model trained on the other seven;
- a hand-coded fictional set of forty findings (sarhub/insight/tests/data/handcoded_findings.json), with
  the model trained on the whole bench database (its coding is the volume seeder's, not the set's).

Each set is given for the lexicon alone and for the lexicon with the model. The time is the median of
`sarhub.insight.suggestions.suggest()` per finding (the version check included) with the model trained
on the bench database (at most its MAX_TRAINING most recent findings); the training time is given too.

    .venv/bin/python bench/insight_suggest.py                 # against var/bench.sqlite3 (bench/run.py's)
    .venv/bin/python bench/insight_suggest.py --no-demo       # without seeding the demo database

bench/run.py calls `report()` after its pages.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
HANDCODED = ROOT / "sarhub" / "insight" / "tests" / "data" / "handcoded_findings.json"
DEMO_MARK = "SUGGEST-DEMO-JSON "
HELD_OUT = 0.2
MAX_TEST = 2_000


def recall(model: Any, examples: Sequence[Any]) -> dict[str, float]:
    """Recall at five over `examples` (each with .text and .tokens), micro and mean per finding."""
    hits = total = 0
    per: list[float] = []
    for example in examples:
        if not example.tokens:
            continue
        found = {s.token for s in model.suggest(example.text)}
        got = len(found & example.tokens)
        hits += got
        total += len(example.tokens)
        per.append(got / len(example.tokens))
    return {
        "findings": len(per),
        "codes": total,
        "recall_at_5": hits / total if total else 0.0,
        "mean_per_finding": statistics.fmean(per) if per else 0.0,
    }


def handcoded_examples() -> list[Any]:
    from sarhub.insight.suggestions import Example, labels_and_terms

    labels, _ = labels_and_terms()
    by_name = {(label.kind, label.name): label.token for label in labels}
    by_domain = {label.value: label.token for label in labels if label.kind == "domain"}
    data = json.loads(HANDCODED.read_text())
    examples = []
    for row in data["findings"]:
        tokens = {by_domain[row["domain"]]}
        tokens |= {by_name[("abuse_type", n)] for n in row["abuse_types"] if ("abuse_type", n) in by_name}
        tokens |= {by_name[("practice_theme", n)] for n in row["practice_themes"] if ("practice_theme", n) in by_name}
        examples.append(Example(row["text"], frozenset(tokens)))
    return examples


def volume_split(seed: int = 15) -> tuple[list[Any], list[Any]]:
    """The bench database's findings, split by review: a fifth of the reviews held out."""
    from sarhub.insight.suggestions import MAX_TRAINING, board_examples
    from sarhub.reviews.models import Finding

    examples = board_examples(limit=10**9)
    reviews = list(Finding.objects.order_by("-pk").values_list("review_id", flat=True))
    rng = random.Random(seed)
    review_ids = sorted(set(reviews))
    held = set(rng.sample(review_ids, max(1, int(len(review_ids) * HELD_OUT)))) if review_ids else set()
    train = [e for e, r in zip(examples, reviews, strict=True) if r not in held][:MAX_TRAINING]
    test = [e for e, r in zip(examples, reviews, strict=True) if r in held]
    rng.shuffle(test)
    return train, test[:MAX_TEST]


def demo_leave_one_out() -> dict[str, dict[str, float]]:
    """The demo database's findings, each held out in turn."""
    from sarhub.insight.suggestions import board_examples, labels_and_terms, train

    labels, terms = labels_and_terms()
    examples = board_examples()
    lexicon_only = train([], labels, terms)
    results: dict[str, list[Any]] = {"lexicon": [], "model": []}
    for index, example in enumerate(examples):
        rest = examples[:index] + examples[index + 1 :]
        model = train(rest, labels, terms)
        results["lexicon"].append((lexicon_only, example))
        results["model"].append((model, example))
    out: dict[str, dict[str, float]] = {}
    for name, pairs in results.items():
        hits = total = 0
        for model, example in pairs:
            found = {s.token for s in model.suggest(example.text)}
            hits += len(found & example.tokens)
            total += len(example.tokens)
        out[name] = {"findings": len(pairs), "codes": total, "recall_at_5": hits / total if total else 0.0}
    return out


def timing(texts: Sequence[str], runs: int = 1) -> dict[str, float]:
    from sarhub.insight import suggestions

    started = time.perf_counter()
    model = suggestions.refresh()
    trained = time.perf_counter() - started
    for text in texts[:20]:
        suggestions.suggest(text)  # warm up
    samples = []
    for _ in range(runs):
        for text in texts:
            begun = time.perf_counter()
            suggestions.suggest(text)
            samples.append((time.perf_counter() - begun) * 1000)
    samples.sort()
    return {
        "train_seconds": trained,
        "trained_on": model.trained_on,
        "features": 0 if model.features is None else len(model.features),
        "median_ms": statistics.median(samples) if samples else 0.0,
        "p90_ms": samples[int(len(samples) * 0.9)] if samples else 0.0,
        "samples": len(samples),
    }


def demo_child(path: Path, reseed: bool) -> None:
    """In a separate process (settings bind one database): seed the demo into `path` and measure it."""
    if reseed:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    os.environ["SARHUB_DEBUG"] = "true"
    os.environ["SARHUB_DEMO_MODE"] = "true"
    os.environ["SARHUB_SQLITE_PATH"] = str(path)
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.setdefault("SARHUB_LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from sarhub.reviews.models import Finding

    call_command("migrate", verbosity=0)
    if not Finding.objects.exists():
        call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115 (closed at exit)
    print(DEMO_MARK + json.dumps(demo_leave_one_out()))


def demo_results(reseed: bool = False) -> dict[str, Any] | None:
    path = ROOT / "var" / "bench-demo.sqlite3"
    path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, str(Path(__file__).resolve()), "--demo-child", "--demo-db", str(path)]
    if reseed:
        command.append("--reseed")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SARHUB_SQLITE_PATH", "SARHUB_DEBUG")}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 (our own script)
    for line in done.stdout.splitlines():
        if line.startswith(DEMO_MARK):
            result: dict[str, Any] = json.loads(line.removeprefix(DEMO_MARK))
            return result
    sys.stderr.write(done.stdout[-2000:] + done.stderr[-4000:])
    return None


def report(out: Callable[[str], None] = print, *, demo: bool = True, reseed: bool = False) -> dict[str, Any]:
    """Measure against the database Django is set up with (bench/run.py's) and print the figures."""
    from sarhub.insight import suggestions

    labels, terms = suggestions.labels_and_terms()
    lexicon_only = suggestions.train([], labels, terms)
    results: dict[str, Any] = {}

    train_set, test_set = volume_split()
    started = time.perf_counter()
    held_model = suggestions.train(train_set, labels, terms)
    held_seconds = time.perf_counter() - started
    results["volume"] = {
        "lexicon": recall(lexicon_only, test_set),
        "model": recall(held_model, test_set),
        "train_findings": len(train_set),
        "train_seconds": held_seconds,
    }
    handcoded = handcoded_examples()
    whole = suggestions.refresh()
    results["handcoded"] = {"lexicon": recall(lexicon_only, handcoded), "model": recall(whole, handcoded)}
    results["demo"] = demo_results(reseed) if demo else None
    texts = [e.text for e in test_set] + [e.text for e in handcoded]
    results["timing"] = timing(texts)

    out("")
    out("Theme suggestions: recall at 5 (share of each set's codes among the at most five suggestions)")
    out(f"{'Set':<44} {'Findings':>8} {'Codes':>6} {'Lexicon':>8} {'+ model':>8}")

    def line(name: str, lex: dict[str, float], mod: dict[str, float]) -> None:
        out(
            f"{name:<44} {int(mod['findings']):>8} {int(mod['codes']):>6} "
            f"{lex['recall_at_5']:>8.1%} {mod['recall_at_5']:>8.1%}"
        )

    volume = results["volume"]
    line(
        f"volume, held-out reviews (trained on {volume['train_findings']:,})",
        volume["lexicon"],
        volume["model"],
    )
    if results["demo"] is not None:
        line("demo (seed_demo), each held out in turn", results["demo"]["lexicon"], results["demo"]["model"])
    else:
        out("demo (seed_demo): not measured")
    line("hand-coded fictional set (model: bench findings)", *results["handcoded"].values())
    t = results["timing"]
    out(
        f"Suggestion time: median {t['median_ms']:.2f} ms, p90 {t['p90_ms']:.2f} ms per finding "
        f"({t['samples']} findings; target under 50 ms). Training: {t['train_seconds']:.1f} s on "
        f"{t['trained_on']:,} findings, {t['features']:,} features."
    )
    out(
        "The volume findings are written from a few dozen coded clauses (seed_volume), so their recall "
        "shows the model learning the Board's coding, not recall on real findings."
    )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", default=str(ROOT / "var" / "bench.sqlite3"), help="the bench database")
    parser.add_argument("--no-demo", action="store_true", help="skip the demo set (it seeds a demo database)")
    parser.add_argument("--reseed", action="store_true", help="seed the demo database again")
    parser.add_argument("--json", default="", help="also write the results to this JSON file")
    parser.add_argument("--demo-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--demo-db", default="", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.demo_child:
        demo_child(Path(args.demo_db), args.reseed)
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from run import configure_django, inspect_db  # bench/run.py: the shared database preparation

    path = Path(args.db).resolve()
    if inspect_db(path) != "bench":
        raise SystemExit(f"{path} is not a seeded bench database: run bench/run.py first (or give --db)")
    configure_django(path)
    results = report(demo=not args.no_demo, reseed=args.reseed)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
