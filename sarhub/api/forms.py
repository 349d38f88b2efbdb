from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from sarhub.api.models import Scopes
from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm
from sarhub.partnership.models import Agency, Person
from sarhub.partnership.roles import Role


class TokenForm(GovukForm):
    input_widths = {"expires_on": "govuk-input--width-10"}

    agency = ChooseOne(
        label="Agency",
        queryset=Agency.objects.none(),
        help_text="The token will only ever see and change this agency's actions",
        error_messages={"required": "Choose the agency", "invalid_choice": "Choose an active agency from the list"},
    )
    acting_person = ChooseOne(
        label="Acts as",
        queryset=Person.objects.none(),
        help_text=(
            "One of the agency's safeguarding leads, who owns the integration. Everything the token does is "
            "recorded as theirs, under their permissions; it stops working if they stop leading the agency"
        ),
        error_messages={
            "required": "Choose the person the token acts as",
            "invalid_choice": "Choose a safeguarding lead from the list",
        },
    )
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What it is for, so you can recognise it later. For example, Datix action tracker",
        error_messages={
            "required": "Enter a name for the token, such as the system that will use it",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    scopes = forms.ChoiceField(
        label="What may it do?",
        choices=Scopes.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the token may do", "invalid_choice": "Choose what the token may do"},
    )
    expires_on = date_field("Expires on (optional)", "31/3/2027")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency: Any = self.fields["agency"]
        agency.queryset = Agency.objects.filter(is_active=True).order_by("name")
        person: Any = self.fields["acting_person"]
        person.queryset = (
            Person.objects.filter(
                is_active=True,
                memberships__role=Role.AGENCY_SAFEGUARDING_LEAD,
                memberships__ended_at__isnull=True,
                memberships__agency__is_active=True,
            )
            .distinct()
            .order_by("full_name", "email")
        )
        person.label_from_instance = lambda p: f"{p.full_name} ({p.email})"

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        expires_on = data.pop("expires_on", None)
        # A token expiring "on" a day works until the end of that day.
        data["expires_at"] = (
            timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on is not None else None
        )
        return data
