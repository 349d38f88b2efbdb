from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Min
from django.utils import timezone

from sarhub.actions.annual import FinancialYear, current_year, year_of
from sarhub.core.forms import GovukForm
from sarhub.insight.figures import Filters
from sarhub.partnership.models import Agency
from sarhub.referrals.models import Referral
from sarhub.reviews.models import ROUTE_LABELS


def year_choices() -> list[tuple[str, str]]:
    """Financial years from the first referral received to this one, newest first."""
    first = Referral.objects.aggregate(first=Min("received_at"))["first"]
    this = current_year()
    start = year_of(timezone.localdate(first)) if first else this
    return [(str(y), FinancialYear(y).label) for y in range(this, min(start, this) - 1, -1)]


class FilterForm(GovukForm):
    """The dashboard's filters. Anything unknown gives a message beside the field and no figures."""

    year = forms.ChoiceField(label="Financial year", required=False, choices=[])
    agency = forms.ChoiceField(label="Agency", required=False, choices=[])
    route = forms.ChoiceField(
        label="Review route",
        required=False,
        choices=[("", "All routes"), *ROUTE_LABELS.items()],
        error_messages={"invalid_choice": "Choose a route from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year: Any = self.fields["year"]
        year.choices = [("", "All years"), *year_choices()]
        year.error_messages["invalid_choice"] = "Choose a financial year from the list"
        agency: Any = self.fields["agency"]
        agency.choices = [
            ("", "All agencies"),
            *[(str(pk), name) for pk, name in Agency.objects.order_by("name").values_list("pk", "name")],
        ]
        agency.error_messages["invalid_choice"] = "Choose an agency from the list"

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            year=int(data["year"]) if data.get("year") else None,
            agency=int(data["agency"]) if data.get("agency") else None,
            route=data.get("route") or "",
        )
