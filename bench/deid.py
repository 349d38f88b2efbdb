#!/usr/bin/env python
"""De-identification check benchmark: recall per slip class and false positives (not timed pages).

    .venv/bin/python bench/deid.py              # text, DOCX and PDF
    .venv/bin/python bench/deid.py --text-only  # the text matcher alone (about 8 s)

Plants every slip class in the fictional corpus of tests/deid/ (about twenty SAR summaries, each with its
confidential record) in text and in every part of Word and PDF files, and prints recall per class, per part
of a file and overall, false positives per 1,000 words of the clean summaries, the instances measured, the
misses and the time taken. The same measurement is the test tests/deid/test_recall.py. Exit code 1 if a
target is missed. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--text-only", action="store_true", help="Measure text only (no Word or PDF files)")
    parser.add_argument("--misses", type=int, default=200, help="List at most this many misses")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from tests.deid.measure import FALSE_POSITIVES_TARGET, RECALL_TARGET_OVERALL, measure

    results = measure(("text",) if args.text_only else ("text", "docx", "pdf"))
    print(results.table(misses=args.misses))
    ok = (
        not results.classes_below_target()
        and results.overall >= RECALL_TARGET_OVERALL
        and results.false_positives_per_1000 <= FALSE_POSITIVES_TARGET
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
