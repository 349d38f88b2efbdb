"""Good practice, shared: one page of the positive practice found across the Board's reviews, filtered by
agency, practice theme and financial year."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sarhub.actions.annual import FinancialYear
from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, requires
from sarhub.core.forms import GovukForm
from sarhub.insight import good_practice, permissions
from sarhub.partnership.models import Agency
from sarhub.taxonomy.models import PracticeTheme


class FilterForm(GovukForm):
    """The page's filters. Anything not offered gives a message beside the field, and the list is empty."""

    agency = forms.ChoiceField(label="Agency", required=False, choices=[])
    theme = forms.ChoiceField(label="Practice theme", required=False, choices=[])
    year = forms.ChoiceField(label="Financial year", required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields: Any = self.fields
        fields["agency"].choices = [
            ("", "Any agency"),
            *[(str(pk), name) for pk, name in good_practice.agency_choices()],
        ]
        fields["agency"].error_messages["invalid_choice"] = "Choose an agency from the list"
        fields["theme"].choices = [("", "Any theme"), *[(str(pk), name) for pk, name in good_practice.theme_choices()]]
        fields["theme"].error_messages["invalid_choice"] = "Choose a practice theme from the list"
        fields["year"].choices = [
            ("", "Any year"),
            *[(str(y), f"{FinancialYear(y).label} (April to March)") for y in good_practice.year_choices()],
        ]
        fields["year"].error_messages["invalid_choice"] = "Choose a financial year from the list"

    def filters(self) -> good_practice.Filters:
        data = self.cleaned_data
        return good_practice.Filters(
            agency=Agency.objects.get(pk=int(data["agency"])) if data.get("agency") else None,
            theme=PracticeTheme.objects.get(pk=int(data["theme"])) if data.get("theme") else None,
            year=int(data["year"]) if data.get("year") else None,
        )


@requires(permissions.can_see_good_practice)
@require_GET
def good_practice_list(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    asked = {key: request.GET[key] for key in ("agency", "theme", "year") if request.GET.get(key)}
    form = FilterForm(asked or None)
    filters = good_practice.Filters() if not asked else (form.filters() if form.is_valid() else None)
    page = items = None
    counts = {"findings": 0, "themes": 0}
    if filters is not None:
        counts = good_practice.counts(person, filters)
        total = counts["findings"] + counts["themes"]
        page, items = good_practice.page(person, filters, request.GET.get("page"), count=total)
    record(
        Action.VIEW,
        person=person,
        obj=("insight", "good practice"),
        detail=f"page {page.number if page else '-'}; filters {sorted(asked)}",
    )
    kept = request.GET.copy()
    kept.pop("page", None)
    return render(
        request,
        "insight/good_practice.html",
        {
            "form": form,
            "filtered": bool(asked),
            "page": page,
            "items": items or [],
            "counts": counts,
            "total": counts["findings"] + counts["themes"],
            "query": kept.urlencode(),
            "every_review": permissions.good_practice_from_every_review(person),
            "signed_off_only": permissions.good_practice_from_signed_off(person),
            "involved_only": permissions.good_practice_from_involved(person),
            "can_brief": permissions.can_brief_from_good_practice(person),
            "min_group": good_practice.MIN_GROUP,
        },
    )
