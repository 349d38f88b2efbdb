"""The page side of the two-person gate (sarhub/publication/gate.py), shared by a review's publication and a
7-minute briefing: clearing a check's finding with a reason, the chair's decision, and taking it down.

Each app keeps its own views (their access rules are declared there, for the access matrix) and calls
these with the item, already fetched and authorised, and where to send the person back to.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from sarhub.core.access import actor
from sarhub.publication import gate
from sarhub.publication.forms import ClearForm, DecisionForm


def clear_hit(request: HttpRequest, item: Any, back: str) -> HttpResponse:
    form = ClearForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the reason this can be published")
    else:
        try:
            gate.clear_hit(actor(request), item, form.cleaned_data["key"], form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, "Cleared, with your reason recorded.")
    return redirect(back)


def decide(request: HttpRequest, item: Any, back: str, *, same_item: dict[str, Any], approved: str) -> HttpResponse:
    """Approve (replacing the item's earlier approval, `same_item`) or refuse with a note."""
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if request.POST.get("decision") == "approve":
            gate.approve(actor(request), item, note=note, same_item=same_item)
            messages.success(request, approved)
        else:
            gate.refuse(actor(request), item, note=note)
            messages.success(request, "Not approved: the business unit has your note.")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    return redirect(back)


def take_down(request: HttpRequest, item: Any, back: str) -> HttpResponse:
    try:
        gate.unpublish(actor(request), item)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "Taken off the public site.")
    return redirect(back)
