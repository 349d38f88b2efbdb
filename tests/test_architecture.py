"""The floors of the house (docs/adr/0003-floors.md): no app imports one above it.

import-linter reads every import in the `sarhub` package (imports made only for type checking are not
counted) against the layers contract in pyproject.toml. Its listed exceptions must still exist: an
exception that no longer matches an import fails the contract too, so the list only shrinks.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_no_app_imports_one_above_it() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
            "--no-cache",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "Contracts: 1 kept, 0 broken." in run.stdout
