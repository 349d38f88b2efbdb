from __future__ import annotations

from typing import Any

from django import forms

from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm
from sarhub.documents.models import DocumentVersion
from sarhub.publication.models import Form
from sarhub.reviews.models import ParallelProcess


class ProposalForm(GovukForm):
    """How a review is published. Choosing an embargo reveals its end (a date, or a parallel process);
    choosing not to publish reveals the reason and the dissemination plan."""

    input_widths = {"embargo_until": "govuk-input--width-10"}
    conditional_fields = {
        "form": {
            Form.EMBARGOED.value: ["embargo_until", "embargo_process"],
            Form.NOT_PUBLISHED.value: ["reason", "dissemination_plan"],
        }
    }

    form = forms.ChoiceField(
        label="How will the review be published?",
        choices=Form.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the review is published", "invalid_choice": "Select from the list"},
    )
    summary = forms.CharField(
        label="Public summary",
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Needed unless it is not published. Use the pseudonym. It is checked for anything that could identify anyone before it can be approved",
    )
    file = ChooseOne(
        label="Report or summary to publish (optional)",
        queryset=DocumentVersion.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"invalid_choice": "Choose a PDF or Word document from the review's documents"},
    )
    embargo_until = date_field("Embargoed until", "1/3/2027")
    embargo_process = ChooseOne(
        label="Or until this parallel process concludes",
        queryset=ParallelProcess.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Choose a parallel process of this review"},
    )
    reason = forms.CharField(
        label="Why it is not published",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the family's wishes or the adult's wellbeing",
    )
    dissemination_plan = forms.CharField(
        label="How the learning will still be disseminated",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, files: Any, processes: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["file"]
        field.queryset = files
        field.label_from_instance = lambda v: f"{v.document.title}, version {v.number} ({v.display_name})"
        process: Any = self.fields["embargo_process"]
        process.queryset = processes
        process.label_from_instance = lambda p: p.get_kind_display()
        if not processes.exists():
            process.help_text = "No parallel process is recorded for this review"


class ClearForm(GovukForm):
    key = forms.CharField(max_length=1_000, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why it can be published",
        max_length=1_000,
        error_messages={"required": "Give the reason this can be published"},
    )


class DecisionForm(GovukForm):
    note = forms.CharField(
        label="Note (needed if you do not approve)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlanDoneForm(GovukForm):
    completion_note = forms.CharField(
        label="How the learning was disseminated",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the briefing sent to every agency and discussed at the Board on 3 March",
    )
