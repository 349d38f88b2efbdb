from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm, choose_many
from sarhub.core.validators import normalise_nhs_number, normalise_postcode, not_in_future
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Criterion, FamilyKnows, OtherProcess, Outcome
from sarhub.taxonomy.models import AbuseType


class ReferralDetailsForm(GovukForm):
    """What every referral records about the adult and what happened."""

    input_widths = {
        "adult_date_of_birth": "govuk-input--width-10",
        "adult_date_of_death": "govuk-input--width-10",
        "adult_postcode": "govuk-input--width-10",
        "adult_nhs_number": "govuk-input--width-10",
        "happened_on": "govuk-input--width-10",
        "referrer_phone": "govuk-input--width-20",
    }

    adult_name = forms.CharField(
        label="The adult's full name", max_length=200, error_messages={"required": "Enter the adult's full name"}
    )
    adult_aliases = forms.CharField(label="Other names they were known by (optional)", max_length=300, required=False)
    adult_date_of_birth = date_field("Date of birth (optional)", "27/3/1948")
    adult_date_of_death = date_field("Date of death, if they have died", "14/2/2026")
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
    happened_on = date_field("When it happened (optional)", "3/1/2026")
    happened_period = forms.CharField(
        label="Or over what period (optional)",
        max_length=200,
        required=False,
        help_text="For example, March to June 2026",
    )
    working_together_concern = forms.CharField(
        label="Why are you concerned about how agencies worked together?",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say why you are concerned about how agencies worked together"},
    )
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
    abuse_types = choose_many(
        "Which kinds of abuse or neglect do you suspect? (optional)",
        AbuseType.objects.none(),
        "Select kinds of abuse or neglect from the list",
    )
    agencies = choose_many(
        "Which partner agencies were involved? (optional)",
        Agency.objects.none(),
        "Select agencies from the list",
    )
    other_agencies = forms.CharField(label="Other organisations involved (optional)", max_length=500, required=False)
    family_knows = forms.ChoiceField(
        label="Does the adult's family know about this referral?",
        choices=FamilyKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family knows about this referral"},
    )

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
        for field, value in (("adult_date_of_birth", born), ("adult_date_of_death", died), ("happened_on", happened)):
            try:
                not_in_future(value)
            except ValidationError as error:
                self.add_error(field, error)
        if born and died and died < born:
            self.add_error("adult_date_of_death", "The date of death must be the same as or after the date of birth")
        if born and happened and happened < born:
            self.add_error("happened_on", "The date it happened must be on or after the adult's date of birth")
        return data


class PublicReferralForm(ReferralDetailsForm):
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
        help_text="We will send you the reference number of your referral",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.org"},
    )
    referrer_phone = forms.CharField(label="Your phone number (optional)", max_length=30, required=False)
    # A honeypot: people never see or fill it (it is off-screen and labelled to be left empty).
    website = forms.CharField(label="Leave this field empty", required=False, max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not (data.get("referrer_email") or data.get("referrer_phone")):
            # Contact details are optional: an anonymous referral is still a referral.
            pass
        return data

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class ProfessionalReferralForm(ReferralDetailsForm):
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
        self.fields["agencies"].queryset = Agency.objects.filter(is_active=True).order_by("name")  # type: ignore[attr-defined]


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

    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select an outcome", "invalid_choice": "Select an outcome from the list"},
    )
    other_process = forms.ChoiceField(
        label="If referring to another process, which one?",
        choices=[("", "Not applicable"), *OtherProcess.choices],
        required=False,
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
        if data.get("outcome") == Outcome.OTHER_PROCESS and not data.get("other_process"):
            self.add_error("other_process", "Select the process the referral goes to")
        return data


class LetterForm(GovukForm):
    body = forms.CharField(
        label="Letter",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Drafted from the decision. Check it, change it if needed, and save it before sending",
        error_messages={"required": "Write the letter"},
    )
