from __future__ import annotations

from typing import Any

from django import forms

from sarhub.actions.models import AGENCY_STATUSES, STATUS_LABELS, Rag, Status
from sarhub.actions.permissions import lead_labels, possible_leads
from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm, PersonChoice, choose_person
from sarhub.partnership.models import Agency, Person

LEAD_HELP = (
    "Someone of the owner agency. For an action the Board owns: someone from the business unit, the independent "
    "chair, a SAR subgroup or Board member, or an agency's safeguarding lead. Start typing a name or email address"
)


def _lead_field() -> PersonChoice:
    return choose_person(
        "Named lead", Person.objects.none(), "Choose the named lead from the list", help_text=LEAD_HELP
    )


def _offer_leads(form: forms.Form) -> None:
    """The people who may lead an action, each shown with their agency (or Board role), read in one query
    when the list is drawn."""
    field: Any = form.fields["lead"]
    field.queryset = possible_leads()
    labels: dict[int, str] = {}

    def label(person: Person) -> str:
        if not labels:
            labels.update(lead_labels(possible_leads().values("pk")) or {0: ""})
        where = labels.get(person.pk, "")
        return f"{person.full_name} ({person.email}{', ' + where if where else ''})"

    field.label_from_instance = label


def _answers(form: forms.Form, review: Any) -> None:
    """The review's own recommendations and findings as the choices for what an action or a decision
    answers."""
    fields: Any = form.fields
    fields["recommendation"].queryset = review.recommendations.order_by("number")
    fields["recommendation"].label_from_instance = lambda r: f"Recommendation {r.number}: {r.text[:120]}"
    fields["finding"].queryset = review.findings.order_by("number")
    fields["finding"].label_from_instance = lambda f: f"Finding {f.number}: {f.text[:120]}"


class DetailsForm(GovukForm):
    input_widths = {"due_on": "govuk-input--width-10"}

    what = forms.CharField(
        label="What will be done",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what will be done"},
    )
    owner_agency = ChooseOne(
        label="Owner",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="The Board",
        error_messages={"invalid_choice": "Choose an agency from the list, or the Board"},
    )
    lead = _lead_field()
    due_on = date_field("Due date", "31/3/2027", required=True)
    success_measure = forms.CharField(
        label="Success measure or evidence of impact expected",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say how success will be measured, or the evidence of impact expected"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["owner_agency"]
        field.queryset = Agency.objects.filter(is_active=True).order_by("name")
        _offer_leads(self)


class NewActionForm(DetailsForm):
    recommendation = ChooseOne(
        label="The recommendation it answers",
        queryset=None,
        required=False,
        empty_label="None: it answers a finding",
        error_messages={"invalid_choice": "Choose a recommendation of this review"},
    )
    finding = ChooseOne(
        label="Or the finding it answers",
        queryset=None,
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a finding of this review"},
    )
    proposal = ChooseOne(
        label="Learning event proposal it comes from (optional)",
        queryset=None,
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a proposal from this review's learning events"},
    )

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from sarhub.events.models import Proposal

        _answers(self, review)
        fields: Any = self.fields
        fields["proposal"].queryset = Proposal.objects.filter(event__review=review).order_by("id")
        fields["proposal"].label_from_instance = lambda p: f"{p.get_kind_display()}: {p.text[:120]}"
        self.order_fields(["recommendation", "finding", "proposal"])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        chosen = "recommendation" in self.errors or "finding" in self.errors or cleaned.get("recommendation")
        if not chosen and cleaned.get("finding") is None:
            self.add_error("recommendation", "Choose the recommendation or finding the action answers")
        return cleaned


class VersionForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0, max_value=2**31)


class EditForm(DetailsForm, VersionForm):
    pass


class ProgressForm(VersionForm):
    status = forms.ChoiceField(
        label="Status",
        choices=[(s.value, STATUS_LABELS[s]) for s in AGENCY_STATUSES],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the action's status",
            "invalid_choice": "Choose a status from the list. Only the business unit can assure an action complete",
        },
    )
    note = forms.CharField(
        label="Progress, and the evidence for it",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = forms.FileField(
        label="Evidence (optional)",
        required=False,
        help_text="A PDF, Word, Excel, CSV or image file, for example minutes, an audit or a revised procedure",
    )


class AssureForm(VersionForm):
    input_widths = {"impact_check_on": "govuk-input--width-10"}
    conditional_fields = {"decision": {"accept": ["impact_check_on"]}}

    decision = forms.ChoiceField(
        label="Is it complete?",
        choices=[("accept", "Yes: accept it as complete"), ("return", "No: return it to the owner")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept it as complete or return it"},
    )
    note = forms.CharField(
        label="Why: the evidence seen, or what is still needed",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    impact_check_on = date_field("Date to check its impact (if accepted)", "30/9/2027")


class ImpactForm(VersionForm):
    outcome = forms.CharField(
        label="What the impact check found",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(VersionForm):
    reason = forms.CharField(
        label="Why it will not be implemented",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NotImplementedForm(GovukForm):
    input_widths = {"decided_on": "govuk-input--width-10"}

    recommendation = ChooseOne(
        label="Recommendation not to be implemented",
        queryset=None,
        required=False,
        empty_label="None: a finding",
        error_messages={"invalid_choice": "Choose a recommendation of this review"},
    )
    finding = ChooseOne(
        label="Or the finding",
        queryset=None,
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose a finding of this review"},
    )
    reasons = forms.CharField(
        label="The Board's reasons", max_length=5_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decided_on = date_field("Date the Board decided", "12/3/2027", required=True)

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _answers(self, review)


class PlanFilterForm(GovukForm):
    """Filters for the plan and its exports. Anything unknown gives a field message, and the list is empty."""

    input_widths = {
        "review": "govuk-input--width-10",
        "due_from": "govuk-input--width-10",
        "due_to": "govuk-input--width-10",
    }

    review = forms.CharField(
        label="Review reference", max_length=30, required=False, help_text="For example, SAR-2026-004"
    )
    agency = forms.ChoiceField(label="Owner", required=False, choices=[])
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any status"), *Status.choices],
        error_messages={"invalid_choice": "Choose a status from the list"},
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        required=False,
        choices=[("", "Any rating"), *Rag.choices],
        error_messages={"invalid_choice": "Choose a rating from the list"},
    )
    due_from = date_field("Due on or after", "1/4/2026")
    due_to = date_field("Due on or before", "31/3/2027")

    def __init__(self, *args: Any, agencies: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["agency"]
        field.choices = [("", "Any owner"), ("board", "The Board"), *[(str(pk), name) for pk, name in agencies]]
        field.error_messages["invalid_choice"] = "Choose an owner from the list"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("due_from"), cleaned.get("due_to")
        if start and end and start > end:
            self.add_error("due_to", "The second date must be the same as or after the first")
        return cleaned
