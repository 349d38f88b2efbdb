"""Theme suggestions: from the lexicon and from what the Board has coded, at most five, each with the words
that led to it; on the finding form a suggestion is only ever shown, and kept only as the person's choice."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from sarhub.insight import suggestions
from sarhub.insight.models import SuggestionChoice
from sarhub.reviews.models import Finding
from sarhub.reviews.services.content import save_finding
from sarhub.taxonomy.models import AbuseType, PracticeTheme
from tests.builders import review_at
from tests.pages import browse_as, fill, form_with, submit, text_of

HOARDING = (
    "Her flat had been full of hoarded newspapers and clutter for years. Each visit noted the hoarding and "
    "that she declined help, but no one asked the fire service for a home safety visit."
)


@pytest.fixture(autouse=True)
def fresh_model() -> Iterator[None]:
    suggestions.forget()
    yield
    suggestions.forget()


def _labels(found: list[Any]) -> dict[str, Any]:
    return {s.label: s for s in found}


@pytest.mark.django_db
def test_a_hoarding_finding_suggests_self_neglect_because_of_the_hoarding() -> None:
    found = suggestions.suggest(HOARDING)
    by_label = _labels(found)
    assert "Self-neglect" in by_label
    assert any("hoard" in word.lower() for word in by_label["Self-neglect"].words)
    assert "Self-neglect and hoarding" in by_label
    assert "hoarding" in [w.lower() for w in by_label["Self-neglect and hoarding"].words]
    # Every word given as a reason is in the finding.
    for suggestion in found:
        assert all(word.lower() in HOARDING.lower() for word in suggestion.words), suggestion


@pytest.mark.django_db
def test_never_more_than_five_and_nothing_for_nothing() -> None:
    everything = (
        "He was homeless and sleeping rough, drinking heavily, with suicidal thoughts; his carer, his sister, "
        "was not offered a carer's assessment; agencies did not share information; his mental capacity was "
        "assumed; the care home discharged him without a plan; there was domestic abuse by his partner and "
        "financial exploitation; no advocate was offered; the records were poor; a fire started from a cigarette."
    )
    found = suggestions.suggest(everything)
    assert len(found) == 5
    assert len({s.token for s in found}) == 5
    assert sum(1 for s in found if s.kind == "domain") <= 1
    assert suggestions.suggest("") == []
    assert suggestions.suggest("   ") == []


@pytest.mark.django_db
def test_the_model_learns_a_term_only_the_board_uses(personas: dict[str, Any]) -> None:
    """ "Bramblegate" is this Board's name for its advocacy hub: no lexicon knows it, the Board's coding does."""
    review = review_at(personas, "analysis")
    manager = personas["bu_manager"]
    advocacy = PracticeTheme.objects.get(name="Advocacy")
    recording = PracticeTheme.objects.get(name="Recording")
    for n in range(5):
        save_finding(
            manager,
            review,
            {
                "text": f"The Bramblegate referral was not made for visit {n}, so she faced the meeting alone.",
                "domain": "direct_work",
                "kind": "barrier",
                "practice_themes": [advocacy],
            },
        )
        save_finding(
            manager,
            review,
            {
                "text": f"The notes of visit {n} were written up a week late and missed the meeting.",
                "domain": "organisational",
                "kind": "barrier",
                "practice_themes": [recording],
            },
        )
    text = "Nobody made a Bramblegate referral before the review meeting."
    suggestions.forget()
    suggestions.current()  # trained on the Board's findings
    learned = _labels(suggestions.suggest(text))
    assert "Advocacy" in learned
    assert "bramblegate" in [w.lower() for w in learned["Advocacy"].words]
    model = suggestions.current()
    assert model.trained_on == Finding.objects.count()


@pytest.mark.django_db
def test_without_training_data_the_lexicon_alone_suggests() -> None:
    model = suggestions.train([], *suggestions.labels_and_terms())
    assert model.vectorizer is None
    assert "Self-neglect" in _labels(model.suggest(HOARDING))


@pytest.mark.django_db
def test_the_model_is_rebuilt_when_the_findings_change(personas: dict[str, Any], monkeypatch: Any) -> None:
    monkeypatch.setattr(suggestions, "STALE_SECONDS", 0.0)
    first = suggestions.current()
    assert suggestions.current() is first
    review = review_at(personas, "analysis")
    save_finding(
        personas["bu_manager"], review, {"text": "Risk was not shared.", "domain": "inter_agency", "kind": "barrier"}
    )
    assert suggestions.current() is not first


# --- The finding form ----------------------------------------------------------------------------------


def _form_page(personas: dict[str, Any]) -> tuple[Any, Any]:
    review = review_at(personas, "analysis")
    app = browse_as(personas["reviewer"])
    return review, app.get(reverse("reviews:finding-new", args=[review.pk]))


def _new_finding(review: Any) -> Finding:
    return Finding.objects.filter(review=review).order_by("-number").first()  # type: ignore[return-value]


@pytest.mark.django_db
def test_suggest_themes_shows_suggestions_and_saves_none_of_them(personas: dict[str, Any]) -> None:
    review, page = _form_page(personas)
    form = fill(form_with(page, "Save finding"), text=HOARDING)
    shown = submit(form, "Suggest themes")
    assert shown.status_code == 200
    panel = shown.html.find(id="finding-suggestions")
    assert "Self-neglect" in text_of(panel) and "hoarding" in text_of(panel)
    assert not Finding.objects.filter(review=review, text=HOARDING).exists()  # nothing saved
    # No box was ticked by the suggestions.
    form = form_with(shown, "Save finding")
    assert not [f for f in form.fields.get("abuse_types", []) if f.checked]
    assert not [f for f in form.fields.get("practice_themes", []) if f.checked]
    # The person saves without accepting anything: the finding has no suggested code and no accepted choice.
    fill(form, domain="direct_work", kind="barrier")
    done = submit(form, "Save finding")
    assert done.status_code == 302
    finding = _new_finding(review)
    assert finding.text == HOARDING
    assert not finding.abuse_types.exists() and not finding.practice_themes.exists()
    assert not SuggestionChoice.objects.filter(finding=finding).exists()


@pytest.mark.django_db
def test_accepting_a_suggestion_ticks_it_and_records_the_choice(personas: dict[str, Any]) -> None:
    review, page = _form_page(personas)
    self_neglect = AbuseType.objects.get(name="Self-neglect")
    shown = submit(fill(form_with(page, "Save finding"), text=HOARDING), "Suggest themes")
    accepted = submit(form_with(shown, "Save finding"), "Accept Self-neglect")
    assert accepted.status_code == 200
    assert "Accepted: Self-neglect." in text_of(accepted.html.find(id="finding-suggestions"))
    form = form_with(accepted, "Save finding")
    ticked = [f._value for f in form.fields["abuse_types"] if f.checked]
    assert ticked == [str(self_neglect.pk)]
    # Reject another one, then save.
    rejected = submit(form, "Reject Self-neglect and hoarding")
    form = fill(form_with(rejected, "Save finding"), domain="direct_work", kind="barrier")
    done = submit(form, "Save finding")
    assert done.status_code == 302
    finding = _new_finding(review)
    assert list(finding.abuse_types.all()) == [self_neglect]
    assert not finding.practice_themes.exists()
    choices = {(c.kind, c.value): c for c in SuggestionChoice.objects.filter(finding=finding)}
    assert set(choices) == {
        ("abuse_type", str(self_neglect.pk)),
        ("practice_theme", str(PracticeTheme.objects.get(name="Self-neglect and hoarding").pk)),
    }
    assert choices[("abuse_type", str(self_neglect.pk))].accepted is True
    assert any("hoard" in w.lower() for w in choices[("abuse_type", str(self_neglect.pk))].words)
    assert (
        choices[("practice_theme", str(PracticeTheme.objects.get(name="Self-neglect and hoarding").pk))].accepted
        is False
    )
    assert all(c.chosen_by == personas["reviewer"] for c in choices.values())


@pytest.mark.django_db
def test_an_accepted_suggestion_unticked_again_is_not_kept_as_accepted(personas: dict[str, Any]) -> None:
    review, page = _form_page(personas)
    shown = submit(fill(form_with(page, "Save finding"), text=HOARDING), "Suggest themes")
    accepted = submit(form_with(shown, "Save finding"), "Accept Self-neglect")
    form = fill(form_with(accepted, "Save finding"), domain="direct_work", kind="barrier", abuse_types=[])
    assert submit(form, "Save finding").status_code == 302
    finding = _new_finding(review)
    assert not finding.abuse_types.exists()
    assert not SuggestionChoice.objects.filter(finding=finding, accepted=True).exists()


@pytest.mark.django_db
def test_a_forged_choice_is_dropped_not_an_error(personas: dict[str, Any], client_for: Any) -> None:
    review = review_at(personas, "analysis")
    client = client_for(personas["reviewer"])
    response = client.post(
        reverse("reviews:finding-new", args=[review.pk]),
        {
            "text": "Risk was not shared.",
            "domain": "inter_agency",
            "kind": "barrier",
            "suggestion_choice": [
                "not json",
                json.dumps({"kind": "abuse_type", "value": "99999", "words": [], "accepted": True}),
                json.dumps({"kind": "sql", "value": "1", "accepted": True}),
                json.dumps([1, 2]),
            ],
        },
    )
    assert response.status_code == 302
    assert not SuggestionChoice.objects.exists()


# --- The JSON endpoint -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_endpoint_answers_editors_with_suggestions_and_others_with_404(
    personas: dict[str, Any], client_for: Any
) -> None:
    review = review_at(personas, "analysis")
    url = reverse("insight:suggest", args=[review.pk])
    response = client_for(personas["reviewer"]).post(url, {"text": HOARDING})
    assert response.status_code == 200
    data = response.json()
    labels = [s["label"] for s in data["suggestions"]]
    assert "Self-neglect" in labels and len(labels) <= 5
    assert data["message"].endswith("suggested themes for this finding.")
    assert "Accept" in data["html"]
    assert "no-store" in response["Cache-Control"]
    for key in ("subgroup_member", "chair", "agency_lead", "board_member", "practitioner"):
        assert client_for(personas[key]).post(url, {"text": HOARDING}).status_code == 404, key
    assert client_for(personas["reviewer"]).get(url).status_code == 405
    assert not SuggestionChoice.objects.exists()


@pytest.mark.django_db
def test_the_endpoint_leaves_out_what_the_person_ticked_and_keeps_what_they_accepted(
    personas: dict[str, Any], client_for: Any
) -> None:
    review = review_at(personas, "analysis")
    url = reverse("insight:suggest", args=[review.pk])
    client = client_for(personas["bu_manager"])
    self_neglect = AbuseType.objects.get(name="Self-neglect")
    ticked = client.post(url, {"text": HOARDING, "abuse_types": [self_neglect.pk]}).json()
    assert "Self-neglect" not in [s["label"] for s in ticked["suggestions"]]
    choice = json.dumps({"kind": "abuse_type", "value": str(self_neglect.pk), "words": ["hoarding"], "accepted": True})
    kept = client.post(url, {"text": HOARDING, "abuse_types": [self_neglect.pk], "suggestion_choice": choice}).json()
    states = {s["label"]: s["state"] for s in kept["suggestions"]}
    assert states["Self-neglect"] == "accepted"
    empty = client.post(url, {"text": ""}).json()
    assert empty["suggestions"] == [] and empty["message"] == "Write the finding to see suggested themes."


def test_the_volume_findings_are_coded_with_names_the_board_seeds() -> None:
    """seed_volume codes each finding from the clauses it is written from (for an honest recall figure)."""
    from sarhub.demo.volume.reviews import FINDING_CLAUSES
    from sarhub.taxonomy.models import LearningDomain
    from sarhub.taxonomy.seed import ABUSE_TYPES, PRACTICE_THEMES

    abuse = {name for name, _ in ABUSE_TYPES}
    for text, domain, types, themes in FINDING_CLAUSES:
        assert domain in LearningDomain.values, text
        assert set(types) <= abuse, text
        assert set(themes) <= set(PRACTICE_THEMES), text
