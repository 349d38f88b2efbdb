from __future__ import annotations

from typing import Any

from django import forms

from sarhub.core.forms import GovukForm
from sarhub.partnership.models import Person
from sarhub.partnership.roles import Role
from sarhub.referrals.forms import date_field
from sarhub.reviews.models import Route


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
    input_widths = {"email": "govuk-!-width-two-thirds"}

    email = forms.EmailField(
        label="Email address of the person to appoint",
        help_text="They need a SAR Hub account: invite external reviewers first as independent reviewers",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address in the correct format",
        },
    )
    role = forms.ChoiceField(
        label="Role on this review",
        choices=[
            (Role.LEAD_REVIEWER.value, Role.LEAD_REVIEWER.label),
            (Role.PANEL_MEMBER.value, Role.PANEL_MEMBER.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a role", "invalid_choice": "Select a role from the list"},
    )

    def clean_email(self) -> Person:
        email = self.cleaned_data["email"]
        person = Person.objects.filter(email__iexact=email).first()
        if person is None:
            raise forms.ValidationError("There is no account with this email address: invite the person first")
        return person
