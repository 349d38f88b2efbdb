from __future__ import annotations

from typing import Any

from django import forms

from sarhub.briefings.models import ALL_POINTS, POINT_LIMIT, QUESTION_LIMIT, WENT_WELL
from sarhub.core.dates import date_field
from sarhub.core.forms import CHOOSE, ChooseOne, GovukForm, choose_many
from sarhub.reviews.models import Review


def _point(label: str, hint: str, limit: int, *, required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": f"{label} must be {limit} characters or fewer, so the briefing fits one page"},
    )


class VersionForm(GovukForm):
    """The seven points, "What went well" (optional) and the reflective questions: every field but those two
    and the third question is needed (the service says which is missing)."""

    title = forms.CharField(label="Title", max_length=150, error_messages={"required": "Give the briefing a title"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, heading, hint in ALL_POINTS:
            self.fields[name] = _point(heading, hint, POINT_LIMIT, required=False)
            if name == WENT_WELL[0]:
                self.fields[name].label = f"{heading} (optional)"
        self.fields["question_1"] = _point(
            "Reflective question 1", "A question for teams to discuss", QUESTION_LIMIT, required=False
        )
        self.fields["question_2"] = _point("Reflective question 2", "A second question", QUESTION_LIMIT, required=False)
        self.fields["question_3"] = _point(
            "Reflective question 3 (optional)", "A third question, if it helps", QUESTION_LIMIT, required=False
        )
        for name in ("question_1", "question_2", "question_3"):
            self.fields[name].widget.attrs["rows"] = 2


class NewBriefingForm(VersionForm):
    """A new briefing: one review (chosen from a list) or thematic learning across two or more (ticked),
    each choice revealing its own question."""

    conditional_fields = {"about": {"one": ["review"], "thematic": ["reviews"]}}

    about = forms.ChoiceField(
        label="What is the briefing about?",
        choices=[("one", "One review"), ("thematic", "Thematic learning across several reviews")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the briefing is about one review or several",
            "invalid_choice": "Select one review or thematic learning",
        },
    )

    review = ChooseOne(
        label="Which review?",
        queryset=Review.objects.none(),
        required=False,
        widget=forms.Select,
        empty_label=CHOOSE,
        help_text="Only reviews the Board has signed off",
        error_messages={"invalid_choice": "Choose a review from the list"},
    )
    reviews = choose_many(
        "Which reviews?",
        Review.objects.none(),
        "Choose reviews from the list",
        help_text="Select two or more. Only reviews the Board has signed off",
    )

    def __init__(self, *args: Any, reviews: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("review", "reviews"):
            field: Any = self.fields[name]
            field.queryset = reviews
            field.label_from_instance = lambda r: f"{r.reference}: {r.pseudonym}"
        self.order_fields(["title", "about", "review", "reviews"])

    def clean(self) -> dict[str, Any]:
        """The reviews the briefing covers, from whichever question its choice revealed."""
        data = super().clean() or {}
        about = data.get("about")
        if about == "one":
            review = data.get("review")
            if review is None and "review" not in self.errors:
                self.add_error("review", "Choose the review the briefing is about")
            data["reviews"] = [review] if review is not None else []
        elif about == "thematic":
            chosen = list(data.get("reviews") or [])
            if len(chosen) < 2 and "reviews" not in self.errors:
                self.add_error("reviews", "Choose two or more reviews for a thematic briefing")
            data["reviews"] = chosen
        data["thematic"] = about == "thematic"
        return data


def signed_off_reviews() -> Any:
    return Review.objects.filter(signed_off_on__isnull=False).order_by("-signed_off_on", "-id")


class CirculateForm(GovukForm):
    message = forms.CharField(
        label="A message to agency leads (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CascadeForm(GovukForm):
    input_widths = {"briefed_on": "govuk-input--width-10", "staff_reached": "govuk-input--width-4"}

    team = forms.CharField(label="Team", max_length=200, error_messages={"required": "Enter the team you briefed"})
    briefed_on = date_field("Date the team was briefed", "2/12/2026", required=True)
    staff_reached = forms.IntegerField(
        label="Number of staff it reached",
        min_value=1,
        max_value=100_000,
        error_messages={
            "required": "Enter how many staff it reached",
            "invalid": "Enter how many staff it reached as a whole number, like 12",
            "min_value": "Enter how many staff it reached, as a whole number of 1 or more",
            "max_value": "Enter how many staff it reached: 100,000 or fewer",
        },
    )
    discussed = forms.CharField(
        label="What the team discussed",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the team discussed"},
    )
    will_change = forms.CharField(
        label="What the team will change",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the team will change, or that it will change nothing and why"},
    )
