"""The optional "What went well" point: on the page, the one-page PDF and the Word file after the key
findings, and through the same de-identification gate as every other point. Fictional names."""

from __future__ import annotations

import io
from typing import Any

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse

from sarhub.briefings import services
from sarhub.briefings.models import POINTS, BriefingVersion
from sarhub.publication.models import Status
from tests.builders import written_briefing
from tests.factories import SAMPLE_ADULT_NAME
from tests.pages import browse_as, form_with, text_of

pytestmark = pytest.mark.django_db

SURNAME = SAMPLE_ADULT_NAME.split()[-1]
WENT_WELL = "The district nurse went back the next day to check the heating worked."


def _headings(page: Any) -> list[str]:
    soup = BeautifulSoup(page.text, "html.parser")
    return [text_of(h)[2:].strip() for h in soup.select(".sevenmin__point .sevenmin__heading")]


def test_what_went_well_is_optional_and_shown_after_the_key_findings_when_written(personas, review):
    without = written_briefing(personas, review).versions.get()
    assert [heading for heading, _ in without.points] == [heading for _, heading, _ in POINTS]
    app = browse_as(personas["bu_manager"])
    page = app.get(reverse("briefings:detail", args=[without.briefing_id]))
    assert "What went well" not in _headings(page)

    form = form_with(app.get(reverse("briefings:edit", args=[without.briefing_id])), "Save as a new version")
    assert form["what_went_well"].value == ""
    form["what_went_well"] = WENT_WELL
    page = form.submit().follow()
    version = BriefingVersion.objects.get(number=2)
    assert version.what_went_well == WENT_WELL
    headings = _headings(page)
    assert headings.index("What went well") == headings.index("Key finding 3") + 1
    assert headings[-2:] == ["Things to remember", "What to do"]
    assert WENT_WELL in page.text

    too_long = form_with(app.get(reverse("briefings:edit", args=[without.briefing_id])), "Save as a new version")
    too_long["what_went_well"] = "x" * 601
    refused = too_long.submit()
    assert "What went well must be 600 characters or fewer" in refused.text
    assert BriefingVersion.objects.count() == 2


def test_the_gate_checks_what_went_well_and_blocks_approval_until_cleared(personas, review):
    briefing = written_briefing(personas, review, what_went_well=f"Mrs {SURNAME}'s nurse visited the next day.")
    version = briefing.versions.get()
    assert ("what went well", version.what_went_well) in services._texts(version)
    proposal = services.propose(personas["bu_manager"], version)
    assert [hit["where"] for hit in proposal.hits if hit["found"].lower() == SURNAME.lower()] == ["what went well"]
    with pytest.raises(ValidationError, match="still to clear"):
        services.approve(personas["chair"], proposal)
    for finding in proposal.findings:
        proposal = services.clear_hit(personas["bu_manager"], proposal, finding.key, "Fictional: agreed.")
    assert services.approve(personas["chair"], proposal).status == Status.APPROVED
    public = browse_as().get(reverse("briefings:public-page", args=[briefing.pk]))
    assert "What went well" in _headings(public) and "nurse visited the next day" in public.text


def test_a_clean_what_went_well_passes_the_gate_and_is_listed_for_the_chair(personas, review):
    briefing = written_briefing(personas, review, what_went_well=WENT_WELL)
    proposal = services.propose(personas["bu_manager"], briefing.versions.get())
    assert not proposal.hits
    page = browse_as(personas["chair"]).get(reverse("briefings:detail", args=[briefing.pk]))
    soup = BeautifulSoup(page.text, "html.parser")
    listing = soup.select_one("#going-public ~ dl.govuk-summary-list")
    assert listing is not None
    keys = [text_of(key) for key in listing.select(".govuk-summary-list__key")]
    assert keys.index("What went well") == keys.index("Key finding 3") + 1


@pytest.mark.once  # rendering: SQLite only in bin/test
def test_the_pdf_stays_one_page_with_what_went_well_and_the_word_file_has_it(personas, review):
    from docx import Document
    from pypdf import PdfReader

    from sarhub.briefings import render

    version = written_briefing(personas, review, what_went_well=WENT_WELL).versions.get()
    reader = PdfReader(io.BytesIO(render.as_pdf(version)))
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    assert "What went well" in text and WENT_WELL[:40] in text
    assert text.index("Key finding 3") < text.index("What went well") < text.index("Things to remember")
    words = [p.text for p in Document(io.BytesIO(render.as_docx(version))).paragraphs]
    assert words[words.index("What went well") + 1] == WENT_WELL

    # Every point at its longest, "What went well" too, still fits the one page (the service refuses any
    # version that would not: test_briefings.py).
    long = "Practitioners shared what they knew about the risk to the adult across agencies. " * 8
    longest = services.save_version(
        personas["bu_manager"],
        version.briefing,
        {
            "title": version.title,
            **{name: long[:600] for name, _, _ in POINTS},
            "what_went_well": long[:600],
            "question_1": "What would you do?",
            "question_2": "Who would you tell?",
        },
    )
    assert render.page_count(longest) == 1 and len(longest.points) == 8
