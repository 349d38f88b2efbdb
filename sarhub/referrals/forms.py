from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm, choose_many
from sarhub.core.validators import normalise_nhs_number, normalise_postcode, not_in_future
from sarhub.partnership.models import Agency
from sarhub.partnership.notify import lead_counts
from sarhub.referrals.models import Criterion, FamilyKnows, Judgement, OtherProcess, Outcome
from sarhub.taxonomy.models import AbuseType


class AdultAndEventsForm(GovukForm):
    """The adult, what happened, the kinds of harm and the agencies: what every referral records, and what
    the business unit may correct."""

    input_widths = {
        "adult_postcode": "govuk-input--width-10",
        "adult_nhs_number": "govuk-input--width-10",
        "referrer_phone": "govuk-input--width-20",
    }

    adult_name = forms.CharField(
        label="The adult's full name", max_length=200, error_messages={"required": "Enter the adult's full name"}
    )
    adult_aliases = forms.CharField(label="Other names they were known by (optional)", max_length=300, required=False)
    adult_date_of_birth = date_field("Date of birth (optional)", "27/3/1948")
    adult_date_of_death = date_field("Date of death, if they have died", "14/2/2026", name="Date of death")
    adult_address = forms.CharField(
        label="Their address (optional)", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    adult_postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    adult_nhs_number = forms.CharField(
        label="NHS number (optional)", max_length=14, required=False, help_text="10 digits, for example 943 476 5919"
    )
    what_happened = forms.CharField(
        label="What happened",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Describe the harm or death, and the events leading up to it",
        error_messages={
            "required": "Describe what happened",
            "max_length": "What happened must be 10,000 characters or fewer",
        },
    )
    happened_on = date_field("When it happened (optional)", "3/1/2026", name="The date it happened")
    happened_period = forms.CharField(
        label="Or over what period (optional)",
        max_length=200,
        required=False,
        help_text="For example, March to June 2026",
    )
    abuse_types = choose_many(
        "Which kinds of abuse or neglect do you suspect? (optional)",
        AbuseType.objects.none(),
        "Select kinds of abuse or neglect from the list",
        help_text="Select all that apply",
    )
    agencies = choose_many(
        "Which partner agencies were involved? (optional)",
        Agency.objects.none(),
        "Select agencies from the list",
        help_text="Select all that apply",
    )
    other_agencies = forms.CharField(label="Other organisations involved (optional)", max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["abuse_types"].queryset = AbuseType.objects.active()  # type: ignore[attr-defined]
        self.fields["agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]

    def clean_adult_postcode(self) -> str:
        value = self.cleaned_data["adult_postcode"].strip()
        return normalise_postcode(value) if value else ""

    def clean_adult_nhs_number(self) -> str:
        value = self.cleaned_data["adult_nhs_number"].strip()
        return normalise_nhs_number(value) if value else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born: date | None = data.get("adult_date_of_birth")
        died: date | None = data.get("adult_date_of_death")
        happened: date | None = data.get("happened_on")
        for field, value, message in (
            ("adult_date_of_birth", born, "Date of birth must be in the past"),
            ("adult_date_of_death", died, "Date of death must be today or in the past"),
            ("happened_on", happened, "The date it happened must be today or in the past"),
        ):
            try:
                not_in_future(value, message)
            except ValidationError as error:
                self.add_error(field, error)
        if born and born == timezone.localdate() and "adult_date_of_birth" not in self.errors:
            self.add_error("adult_date_of_birth", "Date of birth must be in the past")
        if born and died and died < born:
            self.add_error("adult_date_of_death", "The date of death must be the same as or after the date of birth")
        if born and happened and happened < born:
            self.add_error("happened_on", "The date it happened must be on or after the adult's date of birth")
        return data


class ReferralDetailsForm(AdultAndEventsForm):
    """What every referral also asks: the concern about working together, and whether the family knows."""

    working_together_concern = forms.CharField(
        label="Why are you concerned about how agencies worked together?",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say why you are concerned about how agencies worked together"},
    )
    family_knows = forms.ChoiceField(
        label="Does the adult's family know about this referral?",
        choices=FamilyKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family knows about this referral"},
    )


class PublicReferralForm(ReferralDetailsForm):
    """A family member or member of the public, in plain words: what happened, and why they are worried.
    They are not asked which part of the law applies: the business unit judges that during screening."""

    what_happened = forms.CharField(
        label="What happened to them?",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Tell us in your own words what happened, and how it harmed them",
        error_messages={
            "required": "Tell us what happened to them",
            "max_length": "What happened must be 10,000 characters or fewer",
        },
    )
    working_together_concern = forms.CharField(
        label="Why are you worried about how the services involved worked together?",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=(
            "For example, if services did not share what they knew, or did not act on warning signs. "
            "You do not need to know the law: the Board will decide whether there should be a review."
        ),
        error_messages={"required": "Tell us why you are worried about how the services worked together"},
    )
    abuse_types = choose_many(
        "What kind of harm do you think they suffered? (optional)",
        AbuseType.objects.none(),
        "Select kinds of harm from the list",
        help_text="Select all that apply",
    )
    agencies = choose_many(
        "Which of these services were involved? (optional)",
        Agency.objects.none(),
        "Select services from the list",
        help_text="Select all that apply",
    )
    other_agencies = forms.CharField(
        label="Any other services or organisations involved (optional)", max_length=500, required=False
    )
    family_knows = forms.ChoiceField(
        label="Does the adult's family know you are asking for a review?",
        choices=FamilyKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family knows you are asking for a review"},
    )
    referrer_name = forms.CharField(label="Your name", max_length=200, error_messages={"required": "Enter your name"})
    referrer_relationship = forms.CharField(
        label="Your relationship to the adult",
        max_length=200,
        help_text="For example, daughter, neighbour, friend",
        error_messages={"required": "Enter your relationship to the adult"},
    )
    referrer_email = forms.EmailField(
        label="Your email address (optional)",
        required=False,
        max_length=254,
        help_text="We will send you the reference number of your referral, and tell you the Board's decision",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    referrer_phone = forms.CharField(label="Your phone number (optional)", max_length=30, required=False)
    # A honeypot: people never see or fill it (it is off-screen and labelled to be left empty).
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class ProfessionalReferralForm(ReferralDetailsForm):
    criterion = forms.ChoiceField(
        label="Which part of the law do you think applies?",
        choices=Criterion.choices,
        widget=forms.RadioSelect,
        help_text="Care Act 2014, section 44. If you are not sure, say so: the Board will decide.",
        error_messages={"required": "Select which part of the law you think applies, or 'I am not sure'"},
    )
    criterion_reasons = forms.CharField(
        label="Why do you think so?",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say why you think so"},
    )
    referrer_agency = ChooseOne(
        label="Your agency",
        queryset=Agency.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select your agency", "invalid_choice": "Select one of your agencies"},
    )
    referrer_relationship = forms.CharField(
        label="Your role with the adult",
        max_length=200,
        help_text="For example, allocated social worker, community nurse, named GP",
        error_messages={"required": "Enter your role with the adult"},
    )
    referrer_phone = forms.CharField(label="Your phone number (optional)", max_length=30, required=False)

    def __init__(self, *args: Any, person: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_ids = [a.pk for a in person.agencies]
        self.fields["referrer_agency"].queryset = Agency.objects.filter(pk__in=agency_ids).order_by("name")  # type: ignore[attr-defined]
        if not agency_ids:
            self.fields["referrer_agency"].required = False
            self.fields["referrer_agency"].help_text = "You are not attached to a partner agency"


class CorrectionForm(AdultAndEventsForm):
    """The business unit's correction of a referral: the adult's details, what happened, the kinds of
    harm and the agencies, with the reason for the correction."""

    abuse_types = choose_many(
        "Kinds of abuse or neglect suspected (optional)",
        AbuseType.objects.none(),
        "Select kinds of abuse or neglect from the list",
        help_text="Select all that apply",
    )
    agencies = choose_many(
        "Partner agencies involved (optional)",
        Agency.objects.none(),
        "Select agencies from the list",
        help_text="Select all that apply",
    )
    reason = forms.CharField(
        label="Why are you correcting the referral?",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the referrer telephoned to correct the date of birth",
        error_messages={"required": "Say why you are correcting the referral"},
    )

    def __init__(self, *args: Any, referral: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An agency or kind of harm the referral already names stays on offer, even if it has since
        # closed or been retired, so a correction never drops it silently.
        named_types = [t.pk for t in referral.abuse_types.all()]
        named_agencies = [a.pk for a in referral.agencies.all()]
        self.fields["abuse_types"].queryset = AbuseType.objects.filter(  # type: ignore[attr-defined]
            Q(pk__in=AbuseType.objects.active().values("pk")) | Q(pk__in=named_types)
        ).order_by("order", "name")
        self.fields["agencies"].queryset = Agency.objects.filter(  # type: ignore[attr-defined]
            Q(is_active=True) | Q(pk__in=named_agencies)
        ).order_by("name")


class JudgementForm(GovukForm):
    """The business unit's judgement of section 44 during screening."""

    judgement = forms.ChoiceField(
        label="Which part of section 44 applies, in the business unit's judgement?",
        choices=Judgement.choices,
        widget=forms.RadioSelect,
        help_text="Care Act 2014, section 44. The SAR subgroup and the independent chair see your judgement.",
        error_messages={"required": "Select which part of section 44 applies, or that it is not met"},
    )
    reasons = forms.CharField(
        label="Your reasons",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give the reasons for your judgement"},
    )


class ScopingRequestForm(GovukForm):
    agencies = choose_many(
        "Which agencies should send a scoping summary?",
        Agency.objects.none(),
        "Select agencies from the list",
        required=True,
        help_text="The agencies the referral names are selected",
        error_messages={"required": "Select at least one agency"},
    )
    note = forms.CharField(
        label="Note to the agencies (optional)",
        max_length=2_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include the adult's details here: the agency sees them on the request",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = Agency.objects.filter(is_active=True).order_by("name")
        field: Any = self.fields["agencies"]
        field.queryset = agencies
        # Say before sending which agencies nobody would receive the request at.
        counts = lead_counts(agencies.values_list("pk", flat=True))
        field.choice_hints = {str(pk): NO_LEAD_HINT for pk, count in counts.items() if not count}


NO_LEAD_HINT = "No current safeguarding lead: nobody there would receive the request"


class ScopingAnswerForm(GovukForm):
    involvement = forms.CharField(
        label="Your agency's involvement with the adult",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="When and how your agency was involved, and the main contacts and decisions",
        error_messages={"required": "Describe your agency's involvement with the adult"},
    )
    concerns = forms.CharField(
        label="Concerns or learning you have identified (optional)",
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class OutcomeForm(GovukForm):
    """A recommendation or a decision: the outcome, the other process if any, and the reasons."""

    # "Refer to another process" reveals which process (GOV.UK conditional reveal).
    conditional_fields = {"outcome": {Outcome.OTHER_PROCESS.value: ["other_process"]}}

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select an outcome", "invalid_choice": "Select an outcome from the list"},
    )
    other_process = forms.ChoiceField(
        label="Which process?",
        choices=OtherProcess.choices,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Select a process from the list"},
    )
    reasons = forms.CharField(
        label="Reasons",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Give the reasons", "max_length": "The reasons must be 10,000 characters or fewer"},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == Outcome.OTHER_PROCESS:
            if not data.get("other_process") and "other_process" not in self.errors:
                self.add_error("other_process", "Select the process the referral goes to")
        else:
            data["other_process"] = ""  # an answer hidden under another outcome is not kept
        return data


class LetterForm(GovukForm):
    body = forms.CharField(
        label="Letter",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Drafted from the decision. Check it, change it if needed, and save it before sending",
        error_messages={"required": "Write the letter"},
    )
