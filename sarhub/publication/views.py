"""A review's publication: the proposal, the de-identification gate's findings, approval and unpublishing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.briefings.permissions import reads_every_briefing
from sarhub.core.access import actor, recent_second_factor, requires
from sarhub.core.forms import apply_errors
from sarhub.documents.models import DocumentVersion
from sarhub.publication import gate_views, permissions, services
from sarhub.publication.forms import ClearForm, DecisionForm, PlanDoneForm, ProposalForm
from sarhub.publication.models import DisseminationPlan, PublicationProposal
from sarhub.referrals.permissions import can_view_referrals
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import sections
from sarhub.reviews.models import Review


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
    proposals = list(PublicationProposal.objects.filter(review=review).select_related("proposed_by", "decided_by"))
    return render(
        request,
        "publication/for_review.html",
        {
            "review": review,
            "section_nav": sections.section_nav(review, "publication:for-review"),
            "proposals": proposals,
            "current": next(
                (p for p in proposals if p.status in ("proposed", "approved") and not p.unpublished_at), None
            ),
            "plan": DisseminationPlan.objects.filter(review=review).select_related("completed_by").first(),
            "sent_briefings": _sent_briefings(review),
            "plan_form": PlanDoneForm(),
            "briefing_oversight": reads_every_briefing(person),
            # The check's findings quote the confidential record: only for those who may read it.
            "show_hits": can_view_referrals(person),
            "can_propose": permissions.can_propose(person),
            "can_approve": permissions.can_approve(person),
            "can_unpublish": permissions.can_unpublish(person),
            "clear_form": ClearForm(),
            "decision_form": DecisionForm(),
        },
    )


def _sent_briefings(review: Review) -> list[dict[str, object]]:
    """Briefings about this review sent to the partnership, with how far each reached: part of tracking
    the learning of a review, published or not."""
    from sarhub.briefings.models import Circulation
    from sarhub.briefings.services import reach

    rows = []
    for circulation in Circulation.objects.filter(briefing__reviews=review).select_related("version"):
        agencies = reach(circulation)
        rows.append(
            {
                "circulation": circulation,
                "responded": sum(1 for a in agencies if a["responded"]),
                "agencies": len(agencies),
                "staff": sum(a["staff"] for a in agencies),
            }
        )
    return rows


@requires(permissions.can_propose)
@require_POST
def plan_done(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    plan = DisseminationPlan.objects.filter(review=review).first()
    if plan is None:
        raise Http404
    form = PlanDoneForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.complete_dissemination(person, plan, note)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, "The dissemination plan is recorded as complete.")
    return redirect("publication:for-review", review_id=review.pk)


@requires(permissions.can_propose)
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    form = ProposalForm(request.POST or None, files=_files(review), processes=review.parallel_processes.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.propose(person, review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The proposal has been recorded and checked. The chair is asked to approve it.")
            return redirect("publication:for-review", review_id=review.pk)
    return render(request, "publication/propose.html", {"form": form, "review": review})


def _proposal(request: HttpRequest, proposal_id: int) -> PublicationProposal:
    proposal = get_object_or_404(PublicationProposal.objects.select_related("review"), pk=proposal_id)
    if not review_permissions.can_read_review(actor(request), proposal.review):
        raise Http404
    return proposal


def _back(proposal: PublicationProposal) -> str:
    return reverse("publication:for-review", args=[proposal.review_id])


@requires(permissions.can_propose)
@require_POST
def clear(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.clear_hit(request, proposal, _back(proposal))


@requires(permissions.can_approve)
@recent_second_factor
@require_POST
def decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """Approve or refuse, after a fresh second factor."""
    proposal = _proposal(request, proposal_id)
    return gate_views.decide(
        request, proposal, _back(proposal), same_item={"review_id": proposal.review_id}, approved="Approved."
    )


@requires(permissions.can_unpublish)
@require_POST
def unpublish(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.take_down(request, proposal, _back(proposal))
