"""A review's publication: the proposal, the de-identification gate's findings, approval and unpublishing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, recent_second_factor, requires
from sarhub.core.forms import apply_errors
from sarhub.documents.models import DocumentVersion
from sarhub.partnership.models import Person
from sarhub.partnership.notify import Deliveries, deliveries
from sarhub.publication import gate, gate_views, permissions, selectors, services
from sarhub.publication.findings import things
from sarhub.publication.forms import ClearForm, DecisionForm, PlanDoneForm, ProposalForm
from sarhub.publication.models import DisseminationPlan, Form, PublicationProposal, Status
from sarhub.referrals.permissions import can_view_referrals
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import sections
from sarhub.reviews.models import Review

# What apps above publication add to a review's publication page, each registered in that app's
# AppConfig.ready() with `add_page_part`: a function of the person and the review giving more of the page's
# context (the library app: the 7-minute briefings sent about the review, sarhub/library/selectors.py).
PagePart = Callable[[Person, Review], dict[str, Any]]
PAGE_PARTS: list[PagePart] = []


def add_page_part(part: PagePart) -> None:
    if part not in PAGE_PARTS:
        PAGE_PARTS.append(part)


def _files(review: Review):  # type: ignore[no-untyped-def]
    return (
        DocumentVersion.objects.filter(
            document__owner_type__model="review", document__owner_id=review.pk, kind__in=["pdf", "docx"]
        )
        .select_related("document")
        .order_by("-uploaded_at")
    )


@requires(review_permissions.can_list_reviews)
@require_GET
def for_review(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    record(Action.VIEW, person=person, obj=review, detail="publication")
    return _page(request, review)


def public_now(standing: gate.Standing[PublicationProposal], today: date | None = None) -> str:
    """Whether the public can see the review now, and if not, why: true in every state."""
    today = today or timezone.localdate()
    approved = standing.approved
    if approved is None:
        latest = standing.latest
        if latest is not None and latest.unpublished_at is not None:
            return f"No: taken off the public site on {timezone.localdate(latest.unpublished_at):%-d %B %Y}"
        return "No"
    if approved.form == Form.NOT_PUBLISHED:
        return "No: the decision is not to publish it"
    if approved.is_public(today):
        return "Yes, the full report" if approved.form == Form.FULL_REPORT else "Yes, the executive summary"
    if approved.embargo_until and approved.embargo_until > today:
        return f"No: embargoed until {approved.embargo_until:%-d %B %Y}"
    if approved.embargo_process is not None:
        return f"No: embargoed until this concludes: {approved.embargo_process.get_kind_display().lower()}"
    return "No"


def status_text(proposal: PublicationProposal) -> str:
    """A proposal's state in words (a taken-down approval says so)."""
    if proposal.status == Status.PROPOSED:
        return "Waiting for the independent chair's decision"
    if proposal.unpublished_at is not None:
        return f"Approved, then taken off the public site on {timezone.localdate(proposal.unpublished_at):%-d %B %Y}"
    return proposal.get_status_display()


def _page(request: HttpRequest, review: Review, **bound: Any) -> HttpResponse:
    """The publication page; `bound` holds a form to correct (plan_form, clear_form or decision_form)."""
    person = actor(request)
    proposals = list(
        PublicationProposal.objects.filter(review=review).select_related(
            "proposed_by", "decided_by", "embargo_process", "file"
        )
    )
    standing = gate.standing(proposals)
    current = standing.current
    live = standing.approved if standing.approved and standing.approved.form != Form.NOT_PUBLISHED else None
    to_correct = next((form for form in bound.values() if form.errors), None)
    # The check's findings quote the confidential record: only for those who may read it.
    show_hits = can_view_referrals(person)
    return render(
        request,
        "publication/for_review.html",
        {
            "review": review,
            "section_nav": sections.section_nav(review, "publication:for-review"),
            "proposals": proposals,
            "current": current,
            "current_status": status_text(current) if current else "",
            "public_now": public_now(standing),
            "still_approved": standing.approved if standing.pending else None,
            "live": live,
            "live_public": bool(live and live.is_public()),
            "plan": DisseminationPlan.objects.filter(review=review).select_related("completed_by").first(),
            "plan_form": bound.get("plan_form") or PlanDoneForm(),
            "show_hits": show_hits,
            "going_public": _going_public(current) if show_hits and current else None,
            "can_propose": permissions.can_propose(person),
            "can_approve": permissions.can_approve(person),
            "can_unpublish": permissions.can_unpublish(person),
            "clear_form": bound.get("clear_form") or ClearForm(),
            "decision_form": bound.get("decision_form") or DecisionForm(),
            "to_correct": to_correct,
            **{name: value for part in PAGE_PARTS for name, value in part(person, review).items()},
        },
    )


def _going_public(proposal: PublicationProposal) -> selectors.GoingPublic | None:
    """What approving the proposal makes public (nothing, for a decision not to publish)."""
    if proposal.form == Form.NOT_PUBLISHED:
        return None
    file = proposal.file
    name = f"{file.display_name} ({file.kind.upper()})" if file is not None else ""
    return selectors.going_public(proposal, file_name=name, proposed=proposal.status == Status.PROPOSED)


@requires(permissions.can_propose)
@require_POST
def plan_done(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    plan = DisseminationPlan.objects.filter(review=review).first()
    if plan is None:
        raise Http404
    form = PlanDoneForm(request.POST)
    if form.is_valid():
        try:
            services.complete_dissemination(person, plan, form.cleaned_data["completion_note"])
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                messages.error(request, error.messages[0])
                return redirect("publication:for-review", review_id=review.pk)
            apply_errors(form, error)
        else:
            messages.success(request, "The dissemination plan is recorded as complete.")
            return redirect("publication:for-review", review_id=review.pk)
    return _page(request, review, plan_form=form)


@requires(permissions.can_propose)
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    form = ProposalForm(request.POST or None, files=_files(review), processes=review.parallel_processes.all())
    if request.method == "POST" and form.is_valid():
        try:
            with deliveries() as emails:
                proposal = services.propose(person, review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            tell = messages.warning if emails.missed_count() else messages.success
            tell(request, _proposed(proposal, emails))
            return redirect("publication:for-review", review_id=review.pk)
    return render(request, "publication/propose.html", {"form": form, "review": review})


def _proposed(proposal: PublicationProposal, asked: Deliveries) -> str:
    """What the business unit is told once it has proposed: what the check found and who was asked."""
    found = len(proposal.findings)
    if proposal.form == Form.NOT_PUBLISHED:
        check = "The proposal not to publish has been recorded."
    elif found:
        check = (
            f"The proposal has been recorded. The de-identification check found {things(found)} "
            "to clear before it can be approved."
        )
    else:
        check = "The proposal has been recorded. The de-identification check found nothing to clear."
    return f"{check} {gate_views.asked(asked)}"


def _proposal(request: HttpRequest, proposal_id: int) -> PublicationProposal:
    proposal = get_object_or_404(PublicationProposal.objects.select_related("review"), pk=proposal_id)
    if not review_permissions.can_read_review(actor(request), proposal.review):
        raise Http404
    return proposal


def _page_for(request: HttpRequest, proposal: PublicationProposal) -> gate_views.Page:
    return lambda **bound: _page(request, proposal.review, **bound)


def _back(proposal: PublicationProposal) -> str:
    return reverse("publication:for-review", args=[proposal.review_id])


@requires(permissions.can_propose)
@require_POST
def clear(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.clear_hit(request, proposal, _back(proposal), _page_for(request, proposal))


@requires(permissions.can_approve)
@recent_second_factor
@require_POST
def decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Approve or refuse, after a fresh second factor."""
    proposal = _proposal(request, proposal_id)
    return gate_views.decide(
        request,
        proposal,
        _back(proposal),
        approved="Approved.",
        page=_page_for(request, proposal),
    )


@requires(permissions.can_unpublish)
@require_POST
def unpublish(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    done = "Taken off the public site." if proposal.is_public() else "Withdrawn: it will not be published."
    return gate_views.take_down(request, proposal, _back(proposal), done=done)
