"""The two national analyses of Safeguarding Adult Reviews in England, as cited data.

`data/national_figures.json` holds only figures read in the published reports or their official
executive summaries and briefings, each with its source, its page (or section, where the source has no
page numbers) and a short verbatim quote. A term of ours with no figure there reads as *not published*:
`figure()` returns None and nothing is ever derived or estimated.

The file is read and checked once, when this module is imported, so a figure without a source, a quote
or a known analysis fails loudly. Whether each term names one of our seeded taxonomy terms needs the
database, so that check is `check_terms()`, which the tests call.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme

DATA_PATH = Path(__file__).with_name("data") / "national_figures.json"

ABUSE_TYPE = "abuse_type"
DOMAIN = "domain"
PRACTICE_THEME = "practice_theme"
MEASURES = (ABUSE_TYPE, DOMAIN, PRACTICE_THEME)
ANALYSIS_KEYS = ("first", "second")
MAX_QUOTE_WORDS = 30  # a short quote, not a copy

NOT_PUBLISHED = "Not published"


class NationalFiguresError(ValueError):
    """The national figures file is malformed or cites something it may not."""


@dataclass(frozen=True)
class Analysis:
    key: str
    title: str
    authors: tuple[str, ...]
    publisher: str
    year: int
    period: str
    sars: int
    people: int | None
    url: str
    page_for_total: str
    total_quote: str
    total_source_url: str


@dataclass(frozen=True)
class Figure:
    analysis: str
    measure: str
    term: str
    percent: float | None
    count: int | None
    base: str
    page: str
    quote: str
    source: str
    url: str
    note: str = ""


def _text(row: dict[str, Any], field: str, where: str, *, required: bool = True) -> str:
    value = row.get(field, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise NationalFiguresError(f"{where}: {field} must be text")
    value = value.strip()
    if required and not value:
        raise NationalFiguresError(f"{where}: {field} is missing")
    return value


def _number(row: dict[str, Any], field: str, where: str) -> float | None:
    value = row.get(field)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise NationalFiguresError(f"{where}: {field} must be a number or null")
    return float(value)


def _analysis(row: dict[str, Any]) -> Analysis:
    key = _text(row, "key", "analysis")
    where = f"analysis {key!r}"
    if key not in ANALYSIS_KEYS:
        raise NationalFiguresError(f"{where}: key must be one of {', '.join(ANALYSIS_KEYS)}")
    sars, people, year = row.get("sars"), row.get("people"), row.get("year")
    if not isinstance(sars, int) or isinstance(sars, bool) or sars <= 0:
        raise NationalFiguresError(f"{where}: sars must be a positive whole number")
    if people is not None and (not isinstance(people, int) or isinstance(people, bool) or people < sars):
        raise NationalFiguresError(f"{where}: people must be null or a whole number no smaller than sars")
    if not isinstance(year, int) or isinstance(year, bool):
        raise NationalFiguresError(f"{where}: year must be a whole number")
    authors = row.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(name, str) and name.strip() for name in authors):
        raise NationalFiguresError(f"{where}: authors must be a list of names")
    return Analysis(
        key=key,
        title=_text(row, "title", where),
        authors=tuple(name.strip() for name in authors),
        publisher=_text(row, "publisher", where),
        year=year,
        period=_text(row, "period", where),
        sars=sars,
        people=people,
        url=_text(row, "url", where),
        page_for_total=_text(row, "page_for_total", where),
        total_quote=_quote(row, "total_quote", where),
        total_source_url=_text(row, "total_source_url", where, required=False) or _text(row, "url", where),
    )


def _quote(row: dict[str, Any], field: str, where: str) -> str:
    quote = _text(row, field, where)
    if len(quote.split()) >= MAX_QUOTE_WORDS:
        raise NationalFiguresError(f"{where}: {field} must be under {MAX_QUOTE_WORDS} words")
    return quote


def _figure(row: dict[str, Any], index: int, analyses: dict[str, Analysis]) -> Figure:
    where = f"figure {index + 1}"
    key = _text(row, "analysis", where)
    if key not in analyses:
        raise NationalFiguresError(f"{where}: unknown analysis {key!r}")
    measure = _text(row, "measure", where)
    if measure not in MEASURES:
        raise NationalFiguresError(f"{where}: measure must be one of {', '.join(MEASURES)}")
    term = _text(row, "term", where)
    if measure == DOMAIN and term not in LearningDomain.values:
        raise NationalFiguresError(f"{where}: {term!r} is not a learning domain ({', '.join(LearningDomain.values)})")
    where = f"{where} ({key}, {measure}, {term})"
    percent = _number(row, "percent", where)
    count = _number(row, "count", where)
    if percent is None and count is None:
        raise NationalFiguresError(f"{where}: a figure needs a percent or a count (leave unpublished terms out)")
    if percent is not None and not 0 <= percent <= 100:
        raise NationalFiguresError(f"{where}: percent must be between 0 and 100")
    if count is not None and (count < 0 or count != int(count)):
        raise NationalFiguresError(f"{where}: count must be a whole number, not negative")
    analysis = analyses[key]
    return Figure(
        analysis=key,
        measure=measure,
        term=term,
        percent=percent,
        count=None if count is None else int(count),
        base=_text(row, "base", where),
        page=_text(row, "page", where),
        quote=_quote(row, "quote", where),
        source=_text(row, "source", where, required=False) or analysis.title,
        url=_text(row, "url", where, required=False) or analysis.url,
        note=_text(row, "note", where, required=False),
    )


def load(path: Path = DATA_PATH) -> tuple[dict[str, Analysis], tuple[Figure, ...]]:
    """Read and check the figures file (without the database); raise NationalFiguresError if it is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise NationalFiguresError(f"{path.name} cannot be read: {error}") from error
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("analyses"), list)
        or not isinstance(data.get("figures"), list)
    ):
        raise NationalFiguresError(f"{path.name} must hold lists 'analyses' and 'figures'")
    analyses: dict[str, Analysis] = {}
    for row in data["analyses"]:
        if not isinstance(row, dict):
            raise NationalFiguresError("each analysis must be an object")
        analysis = _analysis(row)
        if analysis.key in analyses:
            raise NationalFiguresError(f"analysis {analysis.key!r} appears twice")
        analyses[analysis.key] = analysis
    figures: list[Figure] = []
    seen: set[tuple[str, str, str]] = set()
    for index, row in enumerate(data["figures"]):
        if not isinstance(row, dict):
            raise NationalFiguresError(f"figure {index + 1} must be an object")
        figure_ = _figure(row, index, analyses)
        identity = (figure_.analysis, figure_.measure, figure_.term)
        if identity in seen:
            raise NationalFiguresError(f"figure {index + 1}: {identity} appears twice")
        seen.add(identity)
        figures.append(figure_)
    ordered = {key: analyses[key] for key in ANALYSIS_KEYS if key in analyses}
    return ordered, tuple(figures)


_ANALYSES, _FIGURES = load()
_INDEX = {(f.analysis, f.measure, f.term): f for f in _FIGURES}


def analyses() -> list[Analysis]:
    """The national analyses, oldest first."""
    return list(_ANALYSES.values())


def analysis(key: str) -> Analysis | None:
    return _ANALYSES.get(key)


def figure(analysis_key: str, measure: str, term: str) -> Figure | None:
    """The published figure for one of our terms in one analysis, or None: not published."""
    return _INDEX.get((analysis_key, measure, term))


def figures_for(measure: str) -> list[Figure]:
    """Every published figure for a measure (abuse types, domains or practice themes), in file order."""
    return [f for f in _FIGURES if f.measure == measure]


def taxonomy_terms(measure: str) -> list[str]:
    """Our own terms for a measure, in the Board's order (reads the database for abuse types and themes)."""
    if measure == ABUSE_TYPE:
        return list(AbuseType.objects.order_by("order", "name").values_list("name", flat=True))
    if measure == PRACTICE_THEME:
        return list(PracticeTheme.objects.order_by("order", "name").values_list("name", flat=True))
    if measure == DOMAIN:
        return list(LearningDomain.values)
    raise ValueError(f"unknown measure {measure!r}")


def not_published(analysis_key: str, measure: str) -> list[str]:
    """Our terms for which the analysis has no published figure (reads the database)."""
    return [term for term in taxonomy_terms(measure) if figure(analysis_key, measure, term) is None]


def check_terms() -> None:
    """Every figure's term names one of our taxonomy terms exactly; raise NationalFiguresError if not.

    Abuse types and practice themes must be seeded terms (is_seeded), so a figure never hangs on a term an
    administrator added or renamed."""
    known = {
        ABUSE_TYPE: set(AbuseType.objects.filter(is_seeded=True).values_list("name", flat=True)),
        PRACTICE_THEME: set(PracticeTheme.objects.filter(is_seeded=True).values_list("name", flat=True)),
        DOMAIN: set(LearningDomain.values),
    }
    unknown = [f"{f.analysis}/{f.measure}: {f.term!r}" for f in _FIGURES if f.term not in known[f.measure]]
    if unknown:
        raise NationalFiguresError("terms not in the seeded taxonomy: " + "; ".join(unknown))
