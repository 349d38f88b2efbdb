"""The national analyses' figures: every one cited, on our own terms, and nothing invented."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sarhub.insight import national
from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme
from sarhub.taxonomy.seed import ABUSE_TYPES, PRACTICE_THEMES


def _raw() -> dict[str, Any]:
    return json.loads(national.DATA_PATH.read_text(encoding="utf-8"))


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "figures.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_the_file_validates():
    analyses, figures = national.load()
    assert list(analyses) == ["first", "second"]
    assert figures, "the file holds the published figures"
    assert len(figures) == sum(len(national.figures_for(measure)) for measure in national.MEASURES)


def test_totals_are_those_published():
    first, second = national.analyses()
    assert (first.key, first.sars, first.period) == ("first", 231, "April 2017 \u2013 March 2019")
    assert (second.key, second.sars, second.people, second.period) == (
        "second",
        652,
        861,
        "April 2019 \u2013 March 2023",
    )
    for analysis in (first, second):
        assert analysis.page_for_total and analysis.total_source_url.startswith("https://")
        assert str(analysis.sars) in analysis.total_quote
    assert "861" in second.total_quote


def test_every_figure_has_a_page_a_short_quote_and_a_source():
    for figure in [f for measure in national.MEASURES for f in national.figures_for(measure)]:
        assert figure.page.strip() and figure.quote.strip() and figure.base.strip()
        assert len(figure.quote.split()) < 30
        assert figure.url.startswith("https://") and figure.source
        assert figure.analysis in ("first", "second")
        # the quote carries the figure it supports
        if figure.percent is not None:
            assert f"{figure.percent:g}" in figure.quote
        if figure.count is not None:
            assert str(figure.count) in figure.quote


def test_no_percentage_outside_0_to_100_and_no_figure_without_a_number():
    for row in _raw()["figures"]:
        assert row["percent"] is not None or row["count"] is not None
        if row["percent"] is not None:
            assert 0 <= row["percent"] <= 100
        if row["count"] is not None:
            assert row["count"] >= 0


@pytest.mark.django_db
def test_every_term_exists_in_the_seeded_taxonomy():
    national.check_terms()
    abuse_types = {name for name, _ in ABUSE_TYPES}
    for figure in national.figures_for(national.ABUSE_TYPE):
        assert figure.term in abuse_types
        assert AbuseType.objects.filter(name=figure.term, is_seeded=True).exists()
    for figure in national.figures_for(national.PRACTICE_THEME):
        assert figure.term in PRACTICE_THEMES
        assert PracticeTheme.objects.filter(name=figure.term, is_seeded=True).exists()
    for figure in national.figures_for(national.DOMAIN):
        assert figure.term in LearningDomain.values


@pytest.mark.django_db
def test_a_renamed_term_fails_the_taxonomy_check():
    figure = national.figures_for(national.ABUSE_TYPE)[0]
    AbuseType.objects.filter(name=figure.term).update(name=figure.term + " (renamed)")
    with pytest.raises(national.NationalFiguresError, match="not in the seeded taxonomy"):
        national.check_terms()


@pytest.mark.django_db
def test_a_term_with_no_figure_reads_as_not_published():
    # Modern slavery has no figure in either analysis's sources read; no domain figure is published either.
    assert national.figure("first", national.ABUSE_TYPE, "Modern slavery") is None
    assert national.figure("second", national.DOMAIN, LearningDomain.DIRECT_WORK) is None
    assert national.figure("third", national.ABUSE_TYPE, "Self-neglect") is None
    unpublished = national.not_published("second", national.ABUSE_TYPE)
    assert "Modern slavery" in unpublished
    published_first = {f.term for f in national.figures_for(national.ABUSE_TYPE) if f.analysis == "first"}
    assert set(national.not_published("first", national.ABUSE_TYPE)).isdisjoint(published_first)
    assert len(national.not_published("first", national.DOMAIN)) + len(
        [f for f in national.figures_for(national.DOMAIN) if f.analysis == "first"]
    ) == len(LearningDomain.values)


def test_a_published_figure_is_found_by_our_term():
    figure = national.figure("first", national.ABUSE_TYPE, "Self-neglect")
    assert figure is not None
    assert figure.percent == 45 and figure.count is None and "45 per cent" in figure.quote


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["figures"][0].update(page=""), "page is missing"),
        (lambda d: d["figures"][0].update(quote="  "), "quote is missing"),
        (lambda d: d["figures"][0].update(quote="word " * 30), "under 30 words"),
        (lambda d: d["figures"][0].update(analysis="third"), "unknown analysis"),
        (lambda d: d["figures"][0].update(measure="theme"), "measure must be one of"),
        (lambda d: d["figures"][0].update(percent=101), "between 0 and 100"),
        (lambda d: d["figures"][0].update(percent=-1), "between 0 and 100"),
        (lambda d: d["figures"][0].update(percent=None, count=None), "needs a percent or a count"),
        (lambda d: d["figures"][0].update(count=-3), "not negative"),
        (lambda d: d["figures"][0].update(measure="domain", term="Direct work"), "not a learning domain"),
        (lambda d: d["figures"].append(dict(d["figures"][0])), "appears twice"),
        (lambda d: d["analyses"][0].update(sars="231"), "sars must be"),
        (lambda d: d["analyses"][0].update(key="third"), "key must be one of"),
        (lambda d: d["analyses"][1].update(page_for_total=""), "page_for_total is missing"),
    ],
)
def test_a_malformed_file_fails_loudly(tmp_path, change, message):
    data = _raw()
    change(data)
    with pytest.raises(national.NationalFiguresError, match=message):
        national.load(_write(tmp_path, data))


def test_an_unreadable_file_fails_loudly(tmp_path):
    path = tmp_path / "figures.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(national.NationalFiguresError, match="cannot be read"):
        national.load(path)
