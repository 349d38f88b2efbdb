from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from sarhub.core.dates import date_field, parse_time
from sarhub.core.forms import ChooseOne, GovukForm, choose_many
from sarhub.events.models import (
    GROUND_RULES,
    PROMPTS,
    SCALE,
    EventTheme,
    InviteeRole,
    ProposalKind,
    Reflection,
    Reply,
    ThemeKind,
)
from sarhub.partnership.models import Agency, Person
from sarhub.taxonomy.models import LearningDomain, PracticeTheme


def _time(value: str, label: str) -> time:
    parsed = parse_time(value)
    if parsed is None:
        raise forms.ValidationError(f"Enter the {label} as a time, like 9:30am, 09:30 or 14:00")
    return parsed


class EventForm(GovukForm):
    input_widths = {"on": "govuk-input--width-10", "start": "govuk-input--width-5", "end": "govuk-input--width-5"}

    title = forms.CharField(label="Title", max_length=150, initial="Multi-agency learning event")
    on = date_field("Date", "14/1/2027", required=True)
    start = forms.CharField(label="Starts at", max_length=20, help_text="For example, 9:30am or 09:30")
    end = forms.CharField(label="Ends at", max_length=20, help_text="For example, 12:30pm or 12:30")
    venue = forms.CharField(
        label="Venue (optional if it is online)",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    joining_details = forms.CharField(
        label="Online joining details (optional)",
        max_length=1_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example, the meeting link and how to join by phone",
    )
    agenda = forms.CharField(
        label="Agenda (optional)", max_length=5_000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    ground_rules = forms.CharField(
        label="Ground rules",
        max_length=5_000,
        initial=GROUND_RULES,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Shown to everyone invited, and again before anyone writes a reflection",
        error_messages={"required": "Write the ground rules"},
    )
    facilitators = choose_many("Facilitators (optional)", Person.objects.none(), "Select facilitators from the list")

    def __init__(self, *args: Any, facilitator_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_choices  # type: ignore[attr-defined]
        self.fields["facilitators"].label_from_instance = lambda p: p.full_name  # type: ignore[attr-defined]
        self.fields["title"].error_messages["required"] = "Enter a title"
        self.fields["start"].error_messages["required"] = "Enter the time it starts"
        self.fields["end"].error_messages["required"] = "Enter the time it ends"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        on = data.get("on")
        try:
            start = _time(data.get("start", ""), "start time") if "start" in data else None
        except forms.ValidationError as error:
            self.add_error("start", error)
            start = None
        try:
            end = _time(data.get("end", ""), "end time") if "end" in data else None
        except forms.ValidationError as error:
            self.add_error("end", error)
            end = None
        if on and start and end:
            zone = timezone.get_current_timezone()
            data["starts_at"] = datetime.combine(on, start, tzinfo=zone)
            data["ends_at"] = datetime.combine(on, end, tzinfo=zone)
        return data

    @staticmethod
    def initial_from(event: Any) -> dict[str, Any]:
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        return {
            "title": event.title,
            "on": starts.date(),
            "start": f"{starts:%H:%M}",
            "end": f"{ends:%H:%M}",
            "venue": event.venue,
            "joining_details": event.joining_details,
            "agenda": event.agenda,
            "ground_rules": event.ground_rules,
            "facilitators": list(event.facilitators.all()),
        }


class InviteForm(GovukForm):
    input_widths = {"new_name": "govuk-!-width-two-thirds", "new_email": "govuk-!-width-two-thirds"}

    people = choose_many(
        "People at this agency who have an account", Person.objects.none(), "Select people from the list"
    )
    new_name = forms.CharField(label="Full name (optional)", max_length=200, required=False)
    new_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    new_role = forms.ChoiceField(
        label="Their role", choices=InviteeRole.choices, initial=InviteeRole.PRACTITIONER, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["people"].queryset = people  # type: ignore[attr-defined]
        field: Any = self.fields["people"]
        field.label_from_instance = lambda p: f"{p.full_name}, {p.job_title}" if p.job_title else p.full_name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, email = (data.get("new_name") or "").strip(), data.get("new_email") or ""
        if bool(name) != bool(email) and not self.errors.get("new_email"):
            self.add_error(
                "new_email" if name else "new_name",
                "Give both the name and the email address of someone without an account",
            )
        if not data.get("people") and not (name and email) and not self.errors:
            self.add_error("people", "Choose at least one person, or give someone's name and email address")
        return data


class ReplyForm(GovukForm):
    input_widths = {"nominee_name": "govuk-!-width-two-thirds", "nominee_email": "govuk-!-width-two-thirds"}

    answer = forms.ChoiceField(
        label="Can you come?",
        choices=[
            (Reply.ACCEPTED.value, "Yes, I can come"),
            (Reply.DECLINED.value, "No, I cannot come"),
            (Reply.NOMINATED.value, "No, but I nominate a colleague who knew the adult or family"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you can come", "invalid_choice": "Select from the list"},
    )
    nominee_name = forms.CharField(
        label="Your colleague's full name (if you nominate one)", max_length=200, required=False
    )
    nominee_email = forms.EmailField(
        label="Your colleague's email address (if you nominate one)",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("answer") == Reply.NOMINATED:
            if not (data.get("nominee_name") or "").strip():
                self.add_error("nominee_name", "Give your colleague's full name")
            if not data.get("nominee_email") and not self.errors.get("nominee_email"):
                self.add_error("nominee_email", "Give your colleague's email address")
        return data


def agency_choices(ids: set[int] | None) -> Any:
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    return agencies if ids is None else agencies.filter(pk__in=ids)


class ReflectionForm(GovukForm):
    read_ground_rules = forms.BooleanField(
        label="I have read the ground rules", required=False, help_text="They are shown above"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label, hint in PROMPTS:
            self.fields[name] = forms.CharField(
                label=label, help_text=hint, required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 4})
            )
        self._style_widgets()


class ThemeForm(GovukForm):
    title = forms.CharField(label="Theme", max_length=200, error_messages={"required": "Give the theme a title"})
    kind = forms.ChoiceField(
        label="Kind",
        choices=ThemeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind"},
    )
    domain = forms.ChoiceField(
        label="Learning domain",
        choices=LearningDomain.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the learning domain"},
    )
    practice_themes = choose_many(
        "Practice themes (optional)", PracticeTheme.objects.none(), "Select themes from the list"
    )
    summary = forms.CharField(
        label="What the reflections say",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Without naming anyone: describe people by agency and role at most",
        error_messages={"required": "Write what the reflections say"},
    )
    reflections = choose_many(
        "Reflections it draws on (optional)", Reflection.objects.none(), "Choose reflections from this event"
    )

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice_themes"].queryset = PracticeTheme.objects.active()  # type: ignore[attr-defined]
        field: Any = self.fields["reflections"]
        field.queryset = Reflection.objects.filter(event=event, withdrawn_at__isnull=True)
        field.label_from_instance = lambda r: f"Reflection {r.pk}: {r.attribution}"


class ProposalForm(GovukForm):
    kind = forms.ChoiceField(
        label="Proposal",
        choices=ProposalKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of proposal"},
    )
    text = forms.CharField(
        label="What is proposed",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the proposal"},
    )
    agency = ChooseOne(
        label="Agency it is for (optional; leave empty for the Board)",
        queryset=Agency.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select an agency from the list"},
    )
    theme = ChooseOne(
        label="Theme it answers (optional)",
        queryset=EventTheme.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select a theme from this event"},
    )

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]
        self.fields["theme"].queryset = EventTheme.objects.filter(event=event)  # type: ignore[attr-defined]


class EvaluationForm(GovukForm):
    felt_safe = forms.TypedChoiceField(
        label="I felt safe to speak",
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how far you agree that you felt safe to speak"},
    )
    useful = forms.TypedChoiceField(
        label="The event was useful",
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how far you agree that the event was useful"},
    )
    improve = forms.CharField(
        label="What would have made it better? (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Please do not name anyone",
    )
