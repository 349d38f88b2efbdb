from __future__ import annotations

from typing import Any

from django import forms

from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm, choose_many
from sarhub.leadership import selectors
from sarhub.leadership.models import FollowUp, MeetingKind, Presentation
from sarhub.partnership.models import Agency
from sarhub.reviews.models import Review
from sarhub.taxonomy.models import PracticeTheme


class PresentationForm(GovukForm):
    input_widths = {"presented_on": "govuk-input--width-10"}

    meeting_kind = ChooseOne(
        label="Which meeting was it presented to?",
        queryset=MeetingKind.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the meeting", "invalid_choice": "Select a meeting from the list"},
    )
    presented_on = date_field("Date of the meeting", "17/3/2026", required=True)
    title = forms.CharField(
        label="Title",
        max_length=200,
        help_text="For example, Thematic findings: carers and self-neglect",
        error_messages={"required": "Enter a title", "max_length": "The title must be 200 characters or fewer"},
    )
    reviews = choose_many(
        "Reviews covered",
        Review.objects.none(),
        "Select reviews the Board has signed off",
        required=True,
        help_text="Only reviews the Board has signed off can be presented. They are named by reference and pseudonym",
        error_messages={"required": "Select at least one review the Board has signed off"},
    )
    practice_themes = choose_many(
        "Practice themes covered (optional)", PracticeTheme.objects.none(), "Select practice themes from the list"
    )
    notes = forms.CharField(
        label="Notes (optional)",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Board members read these notes. Do not name the adults, their families or practitioners",
        error_messages={"max_length": "Notes must be 5,000 characters or fewer"},
    )

    def __init__(self, *args: Any, presentation: Presentation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting: Any = self.fields["meeting_kind"]
        meeting.queryset = selectors.meeting_kinds(presentation)
        reviews: Any = self.fields["reviews"]
        reviews.queryset = selectors.signed_off_reviews()
        reviews.label_from_instance = lambda r: f"{r.reference}: {r.pseudonym}"
        reviews.choice_hints = {
            str(r.pk): f"{r.route_label}, signed off {r.signed_off_on:%-d %B %Y}" for r in reviews.queryset
        }
        themes: Any = self.fields["practice_themes"]
        themes.queryset = selectors.practice_themes(presentation)

    @staticmethod
    def initial_from(presentation: Presentation) -> dict[str, Any]:
        return {
            "meeting_kind": presentation.meeting_kind_id,
            "presented_on": presentation.presented_on,
            "title": presentation.title,
            "reviews": [r.pk for r in presentation.reviews.all()],
            "practice_themes": [t.pk for t in presentation.practice_themes.all()],
            "notes": presentation.notes,
        }


class FollowUpForm(GovukForm):
    input_widths = {"due_on": "govuk-input--width-10", "owner_text": "govuk-input--width-30"}

    text = forms.CharField(
        label="What was agreed",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Enter what was agreed",
            "max_length": "What was agreed must be 2,000 characters or fewer",
        },
    )
    owner_agency = ChooseOne(
        label="Agency that owns it (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not an agency",
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    owner_text = forms.CharField(
        label="Owner (optional if you chose an agency)",
        max_length=200,
        required=False,
        help_text="A role or group, for example Board business manager or the Executive Group",
        error_messages={"max_length": "The owner must be 200 characters or fewer"},
    )
    due_on = date_field("Due date", "30/6/2026", required=True)

    def __init__(self, *args: Any, follow_up: FollowUp | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["owner_agency"]
        agency.queryset = selectors.owner_agencies(follow_up)

    @staticmethod
    def initial_from(follow_up: FollowUp) -> dict[str, Any]:
        return {
            "text": follow_up.text,
            "owner_agency": follow_up.owner_agency_id,
            "owner_text": follow_up.owner_text,
            "due_on": follow_up.due_on,
        }
