from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.db.models import CharField, Value
from django.utils import timezone

from sarhub.core.dates import date_field, parse_time
from sarhub.core.forms import ChooseOne, GovukForm, choose_many, choose_person
from sarhub.events.models import (
    GROUND_RULES,
    PROMPTS,
    SCALE,
    EventInvitation,
    EventTheme,
    InviteeRole,
    ProposalKind,
    Reflection,
    Reply,
    ThemeKind,
)
from sarhub.events.services import Invitee, invitee_for
from sarhub.partnership.models import Agency, Person
from sarhub.taxonomy.models import LearningDomain, PracticeTheme


def _time(value: str, label: str) -> time:
    parsed = parse_time(value)
    if parsed is None:
        raise forms.ValidationError(f"Enter the {label} as a time, like 9:30am, 09:30 or 14:00")
    return parsed


WHERE = [("venue", "At a venue"), ("online", "Online")]


class EventForm(GovukForm):
    input_widths = {"start": "govuk-input--width-5", "end": "govuk-input--width-5"}
    # Where it takes place opens the questions about the venue, the online joining details, or both.
    conditional_fields = {"where": {"venue": ["venue"], "online": ["joining_details"]}}

    title = forms.CharField(label="Title", max_length=150, initial="Multi-agency learning event")
    on = date_field("Date", "14/1/2027", required=True)
    start = forms.CharField(label="Starts at", max_length=20, help_text="For example, 9:30am or 09:30")
    end = forms.CharField(label="Ends at", max_length=20, help_text="For example, 12:30pm or 12:30")
    where = forms.MultipleChoiceField(
        label="Where does it take place?",
        choices=WHERE,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )
    venue = forms.CharField(
        label="Venue",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="The address, and the room",
    )
    joining_details = forms.CharField(
        label="Online joining details",
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
    facilitators = choose_many(
        "Facilitators (optional)",
        Person.objects.none(),
        "Select facilitators from the list",
        help_text="The review's lead reviewers and panel members, and the business unit. Select all that apply",
    )

    def __init__(self, *args: Any, facilitator_choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["facilitators"]
        field.queryset = facilitator_choices
        field.label_from_instance = lambda p: f"{p.full_name}, {p.job_title}" if p.job_title else p.full_name
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
        self._clean_where(data)
        return data

    def _clean_where(self, data: dict[str, Any]) -> None:
        """The venue and the joining details count only where they were asked for: an answer left in a
        hidden question (unticked) is dropped. With nothing ticked (a browser without JavaScript shows every
        question), what was written says where."""
        venue, online = (data.get("venue") or "").strip(), (data.get("joining_details") or "").strip()
        where = set(data.get("where") or []) or {key for key, text in (("venue", venue), ("online", online)) if text}
        if not where and "venue" not in self.errors and "joining_details" not in self.errors:
            self.add_error("where", "Select where the event takes place: at a venue, online, or both")
        if "venue" in where and not venue and "venue" not in self.errors:
            self.add_error("venue", "Enter the venue")
        if "online" in where and not online and "joining_details" not in self.errors:
            self.add_error("joining_details", "Enter the online joining details")
        data["where"] = sorted(where)
        data["venue"] = venue if "venue" in where else ""
        data["joining_details"] = online if "online" in where else ""

    @staticmethod
    def initial_from(event: Any) -> dict[str, Any]:
        starts, ends = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
        return {
            "title": event.title,
            "on": starts.date(),
            "start": f"{starts:%H:%M}",
            "end": f"{ends:%H:%M}",
            "where": [key for key, text in (("venue", event.venue), ("online", event.joining_details)) if text],
            "venue": event.venue,
            "joining_details": event.joining_details,
            "agenda": event.agenda,
            "ground_rules": event.ground_rules,
            "facilitators": list(event.facilitators.all()),
        }


EMAIL_FORMAT = {"invalid": "Enter an email address in the correct format, like name@example.org"}


class InviteForm(GovukForm):
    input_widths = {"new_name": "govuk-!-width-two-thirds", "new_email": "govuk-!-width-two-thirds"}
    conditional_fields = {"someone_new": {True: ["new_name", "new_email", "new_role"]}}

    people = choose_many(
        "Practitioners and line managers",
        Person.objects.none(),
        "Select people from the list",
        help_text="Select all that apply",
    )
    someone_new = forms.BooleanField(
        label="Invite someone who does not have a SAR Hub account yet",
        required=False,
        help_text="They are invited to make an account first, then reply",
    )
    new_name = forms.CharField(label="Their full name", max_length=200, required=False)
    new_email = forms.EmailField(label="Their email address", required=False, error_messages=EMAIL_FORMAT)
    new_role = forms.ChoiceField(
        label="Their role", choices=InviteeRole.choices, initial=InviteeRole.PRACTITIONER, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, people: Any, agency: Agency, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency = agency
        if not people.exists():
            del self.fields["people"]  # everyone at the agency with an account has been invited
            return
        field: Any = self.fields["people"]
        field.queryset = people
        field.label = f"Practitioners and line managers at {agency.name}"
        field.label_from_instance = lambda p: f"{p.full_name}, {p.job_title}" if p.job_title else p.full_name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("someone_new"):
            if not (data.get("new_name") or "").strip():
                self.add_error("new_name", "Enter their full name")
            if not data.get("new_email") and "new_email" not in self.errors:
                self.add_error("new_email", "Enter their email address")
        else:
            data["new_name"], data["new_email"] = "", ""
        if not data.get("people") and not data.get("someone_new") and not self.errors:
            if "people" in self.fields:
                self.add_error("people", "Select at least one person, or invite someone who does not have an account")
            else:
                self.add_error(
                    "someone_new",
                    f"Everyone at {self.agency.name} with an account has been invited: tick to invite someone "
                    "who does not have an account yet",
                )
        return data


NOMINATE_NEW = "nominated_new"  # a colleague without an account, named by email (recorded as nominated)


class ReplyForm(GovukForm):
    input_widths = {"nominee_name": "govuk-!-width-two-thirds", "nominee_email": "govuk-!-width-two-thirds"}
    conditional_fields = {
        "answer": {Reply.NOMINATED.value: ["nominee"], NOMINATE_NEW: ["nominee_name", "nominee_email"]}
    }

    answer = forms.ChoiceField(
        label="Can you come?",
        choices=[
            (Reply.ACCEPTED.value, "Yes, I can come"),
            (Reply.DECLINED.value, "No, I cannot come"),
            (Reply.NOMINATED.value, "No, but I nominate a colleague who knew the adult or family"),
            (NOMINATE_NEW, "No, but I nominate a colleague who does not have a SAR Hub account yet"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you can come", "invalid_choice": "Select from the list"},
    )
    nominee = choose_person(
        "Your colleague", Person.objects.none(), "Choose your colleague from the list", required=False
    )
    nominee_name = forms.CharField(label="Your colleague's full name", max_length=200, required=False)
    nominee_email = forms.EmailField(
        label="Your colleague's email address", required=False, error_messages=EMAIL_FORMAT
    )

    def __init__(self, *args: Any, invitation: Any, colleagues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        agency = invitation.agency
        field: Any = self.fields["nominee"]
        field.queryset = colleagues.annotate(agency_names=Value(agency.name, output_field=CharField()))
        field.help_text = f"Practitioners and line managers at {agency.name}: start typing their name"
        answer: Any = self.fields["answer"]
        answer.choice_hints = {NOMINATE_NEW: "They are invited to make an account first, then reply"}
        if not colleagues.exists():
            # No one at the agency with an account is left to nominate: only someone without one.
            answer.choices = [c for c in answer.choices if c[0] != Reply.NOMINATED.value]
            del self.fields["nominee"]
            self.conditional_fields = {"answer": {NOMINATE_NEW: ["nominee_name", "nominee_email"]}}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        answer = data.get("answer")
        if answer == Reply.NOMINATED and not data.get("nominee") and "nominee" not in self.errors:
            self.add_error("nominee", "Choose the colleague you nominate")
        if answer == NOMINATE_NEW:
            if not (data.get("nominee_name") or "").strip():
                self.add_error("nominee_name", "Enter your colleague's full name")
            if not data.get("nominee_email") and "nominee_email" not in self.errors:
                self.add_error("nominee_email", "Enter your colleague's email address")
        return data

    @property
    def reply(self) -> str:
        answer = self.cleaned_data["answer"]
        return Reply.NOMINATED.value if answer in (Reply.NOMINATED, NOMINATE_NEW) else answer

    def nominee_invitee(self) -> Invitee | None:
        """The colleague nominated: chosen from the list, or named by email if they have no account."""
        data, agency = self.cleaned_data, self.invitation.agency
        if data["answer"] == Reply.NOMINATED:
            return invitee_for(data["nominee"], agency)
        if data["answer"] == NOMINATE_NEW:
            return Invitee(data["nominee_name"].strip(), data["nominee_email"], agency, self.invitation.role)
        return None


class RegisterForm(GovukForm):
    present = choose_many(
        "Tick everyone who attended",
        EventInvitation.objects.none(),
        "Select people from the list",
        help_text="Anyone not ticked is recorded as absent",
    )

    def __init__(self, *args: Any, invitations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["present"]
        field.queryset = invitations
        field.label_from_instance = lambda i: (
            f"{i.full_name}, {i.agency.name} ({i.role_label.lower()}; {i.reply_label.lower()})"
        )


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
        "Practice themes (optional)",
        PracticeTheme.objects.none(),
        "Select themes from the list",
        help_text="Select all that apply",
    )
    summary = forms.CharField(
        label="What the reflections say",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Without naming anyone: describe people by agency and role at most",
        error_messages={"required": "Write what the reflections say"},
    )
    reflections = choose_many(
        "Reflections it draws on (optional)",
        Reflection.objects.none(),
        "Choose reflections from this event",
        help_text="Select all that apply. The team reads them under Reflections, by number",
    )

    def __init__(self, *args: Any, event: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["practice_themes"].queryset = PracticeTheme.objects.active()  # type: ignore[attr-defined]
        field: Any = self.fields["reflections"]
        field.queryset = Reflection.objects.filter(event=event, withdrawn_at__isnull=True).order_by("number")
        field.label_from_instance = lambda r: f"{r.label}: {r.attribution}"


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
