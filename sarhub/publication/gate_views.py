"""The page side of the two-person gate (sarhub/publication/gate/), shared by a review's publication and a
7-minute briefing: clearing a check's finding with a reason, the chair's decision, and taking it down.

Each app keeps its own views (their access rules are declared there, for the access matrix) and calls
these with the item, already fetched and authorised, where to send the person back to, and `page`: a
function drawing the item's page again with a bound form (`page(clear_form=form)`), so that an answer
to correct is shown beside its field and in the error summary rather than lost in a redirect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from sarhub.core.access import actor
from sarhub.core.forms import apply_errors
from sarhub.partnership.notify import Deliveries
from sarhub.publication import gate
from sarhub.publication.forms import ClearForm, DecisionForm

Page = Callable[..., HttpResponse]
# True since the note is shown with the proposal on its page ("The chair's note").
NOT_APPROVED = "Not approved: the business unit has your note."


def asked(emails: Deliveries) -> str:
    """What the person who proposed is told about who was asked to approve it (gate.approvers_to_ask),
    from the emails that truly went."""
    reached, missed = emails.reached_count(), emails.missed_count()
    if not reached and not missed:
        return "No one has been asked to approve it: no one else holds the independent chair's role."
    said = ""
    if reached == 1 and not missed:
        said = "The independent chair has been emailed and asked to approve it."
    elif reached:
        said = (
            f"The {reached} people who hold the independent chair's role have been emailed and asked to approve it."
            if reached > 1
            else "1 person who holds the independent chair's role has been emailed and asked to approve it."
        )
    if missed:
        whom = "the independent chair" if missed == 1 and not reached else f"{missed} of the chair's role holders"
        said += f"{' ' if said else ''}The email to {whom} could not be sent: tell them it is waiting for approval."
    return said


def clear_hit(request: HttpRequest, item: Any, back: str, page: Page) -> HttpResponse:
    form = ClearForm(request.POST)
    if form.is_valid():
        try:
            gate.clear_finding(actor(request), item, form.cleaned_data["key"], form.cleaned_data["reason"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, error.messages[0])
                return redirect(back)
            apply_errors(form, error)
        else:
            messages.success(request, "Cleared, with your reason recorded.")
            return redirect(back)
    return page(clear_form=form)


def decide(request: HttpRequest, item: Any, back: str, *, approved: str, page: Page) -> HttpResponse:
    """Approve (replacing the item's earlier approval: `gate.same_item`) or refuse with a note."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return page(decision_form=form)
    note = form.cleaned_data["note"]
    try:
        if request.POST.get("decision") == "approve":
            gate.approve(actor(request), item, note=note)
            messages.success(request, approved)
        else:
            gate.refuse(actor(request), item, note=note)
            messages.success(request, NOT_APPROVED)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            apply_errors(form, error)
            return page(decision_form=form)
        messages.error(request, error.messages[0])
    return redirect(back)


def take_down(request: HttpRequest, item: Any, back: str, *, done: str = "Taken off the public site.") -> HttpResponse:
    try:
        gate.unpublish(actor(request), item)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, done)
    return redirect(back)
