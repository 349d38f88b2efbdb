from __future__ import annotations

from typing import Any

from django import forms

from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm, choose_many, choose_person
from sarhub.core.roles import Role
from sarhub.documents.models import DocumentVersion
from sarhub.partnership.models import Agency, Person
from sarhub.partnership.notify import lead_counts
from sarhub.reviews.models import (
    CommentOutcome,
    Finding,
    FindingKind,
    InvolvementKind,
    ProcessKind,
    RequestKind,
    ResponseStatus,
    Route,
)
from sarhub.reviews.selectors import appointable, timeline_agreers_for_choice
from sarhub.taxonomy.models import AbuseType, LearningDomain, PracticeTheme


class TermsForm(GovukForm):
    input_widths = {
        "pseudonym": "govuk-input--width-20",
        "period_from": "govuk-input--width-10",
        "period_to": "govuk-input--width-10",
    }

    pseudonym = forms.CharField(
        label="Pseudonym for the adult",
        max_length=60,
        help_text="Used on every screen, file name and email except the confidential record, for example Adult A",
        error_messages={"required": "Enter a pseudonym for the adult, like Adult A"},
    )
    period_from = date_field("Period in scope, from (optional)", "1/4/2025")
    period_to = date_field("Period in scope, to (optional)", "31/3/2026")
    lines_of_enquiry = forms.CharField(
        label="Key lines of enquiry (optional)",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    methodology = forms.CharField(
        label="Methodology (optional)",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, Learning Together, a practitioner event and an agency chronology",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("period_from"), data.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", "The end of the period must be the same as or after its start")
        return data


class NewReviewForm(TermsForm):
    route = forms.ChoiceField(
        label="Route",
        choices=Route.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a route", "invalid_choice": "Select a route from the list"},
    )
    field_order = ["route", "pseudonym", "period_from", "period_to", "lines_of_enquiry", "methodology"]


class AppointForm(GovukForm):
    """The role, then the person, chosen among the people who may hold that role (the choice of person is
    revealed under the role)."""

    role = forms.ChoiceField(
        label="Role on this review",
        choices=[
            (Role.LEAD_REVIEWER.value, Role.LEAD_REVIEWER.label),
            (Role.PANEL_MEMBER.value, Role.PANEL_MEMBER.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )
    lead_reviewer = choose_person(
        "Lead reviewer", Person.objects.none(), "Select the lead reviewer from the list", required=False
    )
    panel_member = choose_person(
        "Panel member", Person.objects.none(), "Select the panel member from the list", required=False
    )
    conditional_fields = {
        "role": {Role.LEAD_REVIEWER.value: ["lead_reviewer"], Role.PANEL_MEMBER.value: ["panel_member"]}
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead_reviewer"].queryset = appointable(Role.LEAD_REVIEWER)  # type: ignore[attr-defined]
        self.fields["lead_reviewer"].help_text = (
            "People with SAR Hub's independent reviewer role. Invite an external reviewer as an independent "
            "reviewer first"
        )
        self.fields["panel_member"].queryset = appointable(Role.PANEL_MEMBER)  # type: ignore[attr-defined]
        self.fields["panel_member"].help_text = "People at a partner agency, or independent reviewers"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role in (Role.LEAD_REVIEWER, Role.PANEL_MEMBER) and role not in self.errors:
            if data.get(role) is None and role not in self.errors:
                self.add_error(role, str(self.fields[role].error_messages["required"]))
            data["person"] = data.get(role)
        return data


class FindingForm(GovukForm):
    text = forms.CharField(
        label="Finding",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the finding"},
    )
    domain = forms.ChoiceField(
        label="Learning domain",
        choices=LearningDomain.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the learning domain",
            "invalid_choice": "Select a learning domain from the list",
        },
    )
    kind = forms.ChoiceField(
        label="Kind",
        choices=FindingKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of finding", "invalid_choice": "Select a kind from the list"},
    )
    abuse_types = choose_many(
        "Abuse or neglect types (optional)",
        AbuseType.objects.none(),
        "Select types from the list",
    )
    practice_themes = choose_many(
        "Practice themes (optional)",
        PracticeTheme.objects.none(),
        "Select themes from the list",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["abuse_types"].queryset = AbuseType.objects.active()  # type: ignore[attr-defined]
        self.fields["practice_themes"].queryset = PracticeTheme.objects.active()  # type: ignore[attr-defined]


class RecommendationForm(GovukForm):
    text = forms.CharField(
        label="Recommendation",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write the recommendation"},
    )
    to_board = forms.BooleanField(label="Addressed to the Board", required=False)
    agencies = choose_many(
        "Addressed to these agencies",
        Agency.objects.none(),
        "Select agencies from the list",
    )
    findings = choose_many(
        "The findings it answers (optional)",
        Finding.objects.none(),
        "Select findings of this review",
    )

    def __init__(self, *args: Any, review: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["findings"].queryset = Finding.objects.filter(review=review)  # type: ignore[attr-defined]
        self.fields["findings"].label_from_instance = lambda f: f"Finding {f.number}: {f.text[:80]}"  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("to_board") and not data.get("agencies"):
            self.add_error("agencies", "Address the recommendation to the Board, to agencies, or both")
        return data


class ResponseForm(GovukForm):
    response = forms.ChoiceField(
        label="Response",
        choices=[c for c in ResponseStatus.choices if c[0] != ResponseStatus.AWAITING],
        widget=forms.RadioSelect,
        error_messages={"required": "Select the response", "invalid_choice": "Select a response from the list"},
    )
    in_part_reasons = forms.CharField(
        label="What was not accepted, and why",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    not_accepted_reasons = forms.CharField(
        label="Why it was not accepted",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    conditional_fields = {
        "response": {
            ResponseStatus.ACCEPTED_IN_PART.value: ["in_part_reasons"],
            ResponseStatus.NOT_ACCEPTED.value: ["not_accepted_reasons"],
        }
    }
    REASONS: dict[str, str] = {
        ResponseStatus.ACCEPTED_IN_PART: "in_part_reasons",
        ResponseStatus.NOT_ACCEPTED: "not_accepted_reasons",
    }

    @classmethod
    def initial_for(cls, response: str, reasons: str) -> dict[str, str]:
        initial = {"response": "" if response == ResponseStatus.AWAITING else response}
        if response in cls.REASONS:
            initial[cls.REASONS[response]] = reasons
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        field = self.REASONS.get(data.get("response", ""))
        data["reasons"] = (data.get(field) or "").strip() if field else ""
        if field and not data["reasons"] and field not in self.errors:
            self.add_error(field, "Give the reasons it was not accepted in full")
        return data


class SignOffForm(GovukForm):
    input_widths = {"signed_off_on": "govuk-input--width-10"}
    signed_off_on = date_field("Date the Board signed the review off", "12/11/2026", required=True)


class ParallelProcessForm(GovukForm):
    kind = forms.ChoiceField(
        label="Process",
        choices=ProcessKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the process", "invalid_choice": "Select a process from the list"},
    )
    details = forms.CharField(
        label="Details (optional)",
        max_length=300,
        required=False,
        help_text="For example, the inquest is listed for March",
    )
    holds_publication = forms.BooleanField(
        label="It holds publication of the review until it concludes", required=False
    )


class ConcludeForm(GovukForm):
    input_widths = {"concluded_on": "govuk-input--width-10"}
    concluded_on = date_field("Date it concluded", "3/11/2026", required=True)


class InvolvementForm(GovukForm):
    input_widths = {"happened_on": "govuk-input--width-10", "who": "govuk-input--width-20"}
    happened_on = date_field("Date", "3/11/2026", required=True)
    kind = forms.ChoiceField(
        label="What happened",
        choices=InvolvementKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened", "invalid_choice": "Select from the list"},
    )
    who = forms.CharField(
        label="Who (optional)",
        max_length=100,
        required=False,
        help_text="Their relationship to the adult, not their name",
    )
    note = forms.CharField(
        label="Note (optional)", max_length=5_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


def _agency_choices(message: str) -> forms.ModelMultipleChoiceField:
    return choose_many(
        "Agencies",
        Agency.objects.none(),
        message,
        required=True,
        error_messages={"required": "Select at least one agency"},
    )


def _mark_agencies_without_leads(field: forms.Field) -> None:
    """Each agency with no current safeguarding lead says so under its checkbox: a request to it is
    recorded but reaches nobody there."""
    agencies = list(field.queryset)  # type: ignore[attr-defined]
    counts = lead_counts(a.pk for a in agencies)
    field.choice_hints = {  # type: ignore[attr-defined]
        str(a.pk): "No current safeguarding lead: nobody there will be told" for a in agencies if not counts.get(a.pk)
    }


class InformationRequestForm(GovukForm):
    kind = forms.ChoiceField(
        label="What to ask for",
        choices=[(k.value, k.label) for k in (RequestKind.CHRONOLOGY, RequestKind.IMR)],
        widget=forms.RadioSelect,
        error_messages={"required": "Select what to ask for", "invalid_choice": "Select from the list"},
    )
    agencies = _agency_choices("Select agencies from the list")
    note = forms.CharField(
        label="Note to the agencies (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the period to cover. Use the adult's pseudonym, not their name",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        _mark_agencies_without_leads(self.fields["agencies"])


class AccuracyRoundForm(GovukForm):
    draft = ChooseOne(
        label="The draft report",
        queryset=DocumentVersion.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select the draft report",
            "invalid_choice": "Select a draft report from the review's documents",
        },
    )
    agencies = _agency_choices("Select agencies from the list")
    note = forms.CharField(
        label="Note to the agencies (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, drafts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["draft"].queryset = drafts  # type: ignore[attr-defined]
        self.fields["draft"].label_from_instance = (  # type: ignore[attr-defined]
            lambda v: f"{v.document.title}, version {v.number} ({v.display_name}, {v.uploaded_at:%-d %b %Y})"
        )
        self.fields["agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        _mark_agencies_without_leads(self.fields["agencies"])


class SubmitRequestForm(GovukForm):
    cover_note = forms.CharField(
        label="Anything the review team should know (optional)",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class CommentForm(GovukForm):
    input_widths = {"location": "govuk-input--width-20"}
    location = forms.CharField(
        label="Where in the draft",
        max_length=200,
        help_text="The section, paragraph or page, for example paragraph 4.12",
        error_messages={"required": "Say where in the draft the comment applies"},
    )
    comment = forms.CharField(
        label="What is inaccurate or missing",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your comment"},
    )
    suggested = forms.CharField(
        label="Suggested wording (optional)",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CommentResponseForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Was the draft amended?",
        choices=[(c.value, c.label) for c in (CommentOutcome.AMENDED, CommentOutcome.NOT_AMENDED)],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the draft was amended", "invalid_choice": "Select from the list"},
    )
    change = forms.CharField(
        label="What was changed (optional)",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    reasons = forms.CharField(
        label="Why the draft was not amended",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The agency reads this. If it still disagrees, it can record a dispute for the Board",
    )
    conditional_fields = {
        "outcome": {CommentOutcome.AMENDED.value: ["change"], CommentOutcome.NOT_AMENDED.value: ["reasons"]}
    }

    @staticmethod
    def initial_for(outcome: str, response: str) -> dict[str, str]:
        if outcome == CommentOutcome.AMENDED:
            return {"outcome": outcome, "change": response}
        if outcome == CommentOutcome.NOT_AMENDED:
            return {"outcome": outcome, "reasons": response}
        return {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome = data.get("outcome")
        if outcome == CommentOutcome.NOT_AMENDED:
            data["response"] = (data.get("reasons") or "").strip()
            if not data["response"] and "reasons" not in self.errors:
                self.add_error("reasons", "Give the reasons the draft was not amended")
        else:
            data["response"] = (data.get("change") or "").strip()
        return data


class RequestCheckForm(GovukForm):
    """The review team accepts a chronology or IMR the agency sent, or returns it with reasons."""

    decision = forms.ChoiceField(
        label="Is it what the review needs?",
        choices=[("accept", "Yes: accept it"), ("return", "No: return it to the agency")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether to accept it or return it",
            "invalid_choice": "Select from the list",
        },
    )
    reasons = forms.CharField(
        label="Why you are returning it",
        max_length=5_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The agency's safeguarding leads read this, then send it again",
    )
    conditional_fields = {"decision": {"return": ["reasons"]}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (
            data.get("decision") == "return"
            and not (data.get("reasons") or "").strip()
            and "reasons" not in self.errors
        ):
            self.add_error("reasons", "Say why you are returning it")
        return data


class ReplanForm(GovukForm):
    """An agreed change to the review's plan."""

    input_widths = {"new_end": "govuk-input--width-10", "agreed_on": "govuk-input--width-10"}

    stage = forms.ChoiceField(
        label="Which stage's end has moved?",
        choices=[],
        widget=forms.RadioSelect,
        help_text="The stages after it move by the same number of days",
        error_messages={"required": "Select the stage", "invalid_choice": "Select a stage from the list"},
    )
    new_end = date_field("The stage's agreed new end", "27/3/2027", required=True)
    reason = forms.CharField(
        label="Why the plan changed",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the inquest date moved the learning event. Use the pseudonym, not the adult's name",
        error_messages={"required": "Say why the plan changed"},
    )
    agreed_by = choose_person("Who agreed it", Person.objects.none(), "Select who agreed it from the list")
    agreed_on = date_field("Date it was agreed", "3/11/2026", required=True)

    def __init__(self, *args: Any, stages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = stages  # type: ignore[attr-defined]
        self.fields["agreed_by"].queryset = timeline_agreers_for_choice()  # type: ignore[attr-defined]
        self.fields["agreed_by"].help_text = "The business unit, the independent chair or a SAR subgroup member"


class MoveOnRequestForm(GovukForm):
    note = forms.CharField(
        label="Note to the business unit (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DisputeForm(GovukForm):
    statement = forms.CharField(
        label="Your agency's position",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="It is recorded with the review and seen by the Board at sign-off",
        error_messages={"required": "Say what your agency's position is"},
    )


# --- People in the record --------------------------------------------------------------------------

_FULL_NAME = {"required": "Enter their full name"}


class AroundPersonForm(GovukForm):
    """A family member or someone else around the adult, as the confidential record names them."""

    input_widths = {"relationship": "govuk-input--width-20"}
    full_name = forms.CharField(label="Full name", max_length=200, error_messages=_FULL_NAME)
    relationship = forms.CharField(
        label="Relationship to the adult",
        max_length=100,
        help_text="For example, daughter, neighbour or friend",
        error_messages={"required": "Enter their relationship to the adult, like daughter or neighbour"},
    )
    known_as = forms.CharField(
        label="Other names they are known by (optional)",
        max_length=300,
        required=False,
        help_text="Nicknames and short names, however short, separated by commas: for example, Jo, Jojo",
    )


class PractitionerForm(GovukForm):
    """A practitioner named in an agency's chronology or IMR."""

    full_name = forms.CharField(label="Full name", max_length=200, error_messages=_FULL_NAME)
    job_title = forms.CharField(
        label="Role or job title",
        max_length=200,
        help_text="For example, community nurse",
        error_messages={"required": "Enter their role or job title, like community nurse"},
    )
    agency = ChooseOne(
        label="Agency (optional)",
        queryset=Agency.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    request = ChooseOne(
        label="Which chronology or IMR names them (optional)",
        queryset=Agency.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a chronology or IMR of this review"},
    )

    def __init__(self, *args: Any, requests: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["request"].queryset = requests  # type: ignore[attr-defined]
        self.fields["request"].label_from_instance = (  # type: ignore[attr-defined]
            lambda r: f"{r.kind_label} from {r.agency.name} (asked {r.requested_at:%-d %b %Y})"
        )


class ExcludeForm(GovukForm):
    reason = forms.CharField(
        label="Why are they excluded from the check?",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, a Board member quoted by their role in the published report",
        error_messages={"required": "Give the reason they are excluded from the check"},
    )


class NamePractitionerForm(GovukForm):
    """An agency's lead names a practitioner in their chronology or IMR (the agency is theirs)."""

    full_name = forms.CharField(label="Practitioner's full name", max_length=200, error_messages=_FULL_NAME)
    job_title = forms.CharField(
        label="Their role or job title",
        max_length=200,
        help_text="For example, community nurse",
        error_messages={"required": "Enter their role or job title, like community nurse"},
    )
