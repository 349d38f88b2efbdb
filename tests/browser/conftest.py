"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

Every page a test visits is checked with axe-core against WCAG 2.2 AA.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Response

# Playwright's sync API runs an event loop in the test thread; the tests still read and write the
# database synchronously (building personas, reading devices), which Django would otherwise refuse.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
AXE_PATH = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.once)  # bin/test runs the browser on SQLite only
            # pytest-base-url (pulled in by pytest-playwright) defines its session fixture in a way pytest 9
            # deprecates; the warning is about that plugin, not about these tests.
            item.add_marker(pytest.mark.filterwarnings("ignore:Session-scoped fixtures defined as instance methods"))


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Debian's Chromium: Playwright's own browser download is not used."""
    return {
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": [
            "--no-sandbox",
            "--headless",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic",
        ],
    }


# --- Browser problems: script errors, Content Security Policy violations, failed sub-resources ---------

# Chromium asks for /favicon.ico itself; base.html links no icon, so the request 404s (reported, not fixed here).
IGNORED_MISSING = {"/favicon.ico"}
_problems: weakref.WeakKeyDictionary[Page, list[str]] = weakref.WeakKeyDictionary()


def _watch_page(page: Page) -> None:
    found = _problems.setdefault(page, [])

    def on_console(message: ConsoleMessage) -> None:
        # A 4xx page (404, 410, 429) is logged as "Failed to load resource"; sub-resources are checked below.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            found.append(f"console error on {page.url}: {message.text}")

    def on_response(response: Response) -> None:
        if (
            response.request.resource_type != "document"
            and response.status >= 400
            and urlsplit(response.url).path not in IGNORED_MISSING
        ):
            found.append(f"{response.status} for {response.url} (on {page.url})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.append(f"script error on {page.url}: {error}"))
    page.on("requestfailed", lambda request: found.append(f"request failed: {request.url} ({request.failure})"))
    page.on("response", on_response)


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext]) -> Callable[..., BrowserContext]:
    """pytest-playwright's contexts (closed after the test), with every page watched for browser problems."""

    def make(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        context.on("page", _watch_page)
        return context

    return make


# --- Accessibility -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


# GOV.UK Frontend marks a radio that reveals a question with aria-expanded, which ARIA 1.2 does not list
# for radios: a known, deliberate choice (alphagov/govuk-frontend#979, after research with screen reader
# users). That one finding is set aside, on exactly those radios; anything else on them still fails.
_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  const govukReveal = (v, n) => v.id === 'aria-allowed-attr'
    && document.querySelector(n.target.join(' '))?.matches('input.govuk-radios__input[aria-controls]')
    && /aria-expanded/.test(n.failureSummary) && !/aria-(?!expanded)[a-z]+=/.test(n.failureSummary);
  for (const v of results.violations) v.nodes = v.nodes.filter((n) => !govukReveal(v, n));
  results.violations = results.violations.filter((v) => v.nodes.length);
  return {
    passes: results.passes.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    })),
  };
}"""


def check_accessibility(page: Page, axe_source: str) -> None:
    """Run axe-core on the page as it is now and fail on any WCAG 2.2 AA violation.

    The site's Content Security Policy forbids inline script, so axe is injected through the DevTools
    protocol (page.evaluate), which the policy does not govern, rather than through a <script> tag.
    Any script error, CSP violation or failed sub-resource seen on the page so far also fails the check.
    """
    problems = _problems.get(page, [])
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source + "\n;undefined")
    results = page.evaluate(_RUN_AXE, AXE_TAGS)
    assert results["passes"] > 0, f"axe ran no rules on {page.url}"
    violations = results["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["targets"]) for v in violations
    )
    assert not violations, f"axe found {len(violations)} accessibility violation(s) on {page.url}:\n{report}"


@pytest.fixture
def axe(axe_source: str) -> Callable[[Page], None]:
    """`axe(page)` checks the page currently shown against WCAG 2.2 AA."""

    def check(page: Page) -> None:
        check_accessibility(page, axe_source)

    return check


# --- Data ----------------------------------------------------------------------------------------------


@pytest.fixture
def seeded_terms(transactional_db: None) -> None:
    """Browser tests run in transactions that empty the database afterwards, the terms the migrations
    seed included (abuse types, practice themes, the leadership meetings): put them back, as the
    migrations do."""
    import importlib

    from django.apps import apps

    for migration in (
        "sarhub.taxonomy.migrations.0002_seed_terms",
        "sarhub.leadership.migrations.0002_seed_meeting_kinds",
    ):
        importlib.import_module(migration).seed(apps, None)
