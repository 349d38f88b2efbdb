from __future__ import annotations

from typing import Any

from django import forms

from sarhub.audit.models import Action, Outcome
from sarhub.core.dates import date_field
from sarhub.core.forms import GovukForm


class AuditFilterForm(GovukForm):
    person = forms.CharField(label="Person (name or email)", required=False, max_length=100)
    # Fixed choices are given once, here: setting choices normalises them again on every form.
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *Action.choices])
    outcome = forms.ChoiceField(label="Outcome", required=False, choices=[("", "Any outcome"), *Outcome.choices])
    object_type = forms.ChoiceField(label="Record type", required=False)
    object_id = forms.CharField(label="Record id", required=False, max_length=64)
    request_id = forms.CharField(label="Request id", required=False, max_length=64)
    date_from = date_field("From (date)", "27 3 2026", name="The from date")
    date_to = date_field("To (date)", "31 3 2026", name="The to date")

    def __init__(self, *args: Any, object_types: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["object_type"].choices = [("", "Any record type")] + [(t, t) for t in object_types if t]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return data
