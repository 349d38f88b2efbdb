from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django import forms
from django.utils import timezone

from sarhub.api.models import Scopes
from sarhub.core.dates import date_field
from sarhub.core.forms import ChooseOne, GovukForm, choose_person
from sarhub.core.roles import Role
from sarhub.partnership.models import Agency, Membership, Person


class TokenForm(GovukForm):
    input_widths = {"expires_on": "govuk-input--width-10"}

    agency = ChooseOne(
        label="Agency",
        queryset=Agency.objects.none(),
        help_text="The token will only ever see and change this agency's actions",
        error_messages={"required": "Choose the agency", "invalid_choice": "Choose an active agency from the list"},
    )
    acting_person = choose_person(
        "Acts as",
        Person.objects.none(),
        "Choose a safeguarding lead from the list",
        help_text=(
            "One of the agency's safeguarding leads, who owns the integration. Everything the token does is "
            "recorded as theirs, under their permissions; it stops working if they stop leading the agency. "
            "Start typing a name or email address"
        ),
        error_messages={"required": "Choose the person the token acts as"},
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
        leads = Membership.objects.filter(
            role=Role.AGENCY_SAFEGUARDING_LEAD, ended_at__isnull=True, agency__is_active=True
        )
        person.queryset = Person.objects.filter(is_active=True, pk__in=leads.values("person_id")).order_by(
            "full_name", "email"
        )
        led: dict[int, list[str]] = {}

        def label(lead: Person) -> str:
            """Each lead with the agencies they lead, read in one query when the list is drawn."""
            if not led:
                for person_id, name in leads.order_by("agency__name").values_list("person_id", "agency__name"):
                    led.setdefault(person_id, []).append(name)
            return f"{lead.full_name} ({lead.email}, safeguarding lead at {', '.join(led.get(lead.pk, []))})"

        person.label_from_instance = label

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        expires_on = data.pop("expires_on", None)
        # A token expiring "on" a day works until the end of that day.
        data["expires_at"] = (
            timezone.make_aware(datetime.combine(expires_on, time.max)) if expires_on is not None else None
        )
        return data
