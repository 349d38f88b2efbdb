"""Proposing, checking and approving a review's publication.

- The business unit proposes: full report, executive summary only, not published (with a reason, and a
  dissemination plan), or embargoed (until a date or until a parallel process concludes).
- The de-identification gate scans every text that would become public and the file, and records what
  it finds; each hit must be cleared with a recorded reason before approval.
- The independent chair approves (after a fresh second factor, checked by the view); nobody approves
  their own proposal. Unpublishing is immediate.

The gate's part of each (proposing, the check, clearing, approving, refusing, taking down) is
`sarhub.publication.gate`; this module holds what is the review's own: which texts go public and how
they are frozen, the not-published decision's dissemination plan, and the email to the chairs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.partnership.models import Person
from sarhub.partnership.notify import tell
from sarhub.publication import gate
from sarhub.publication.findings import things
from sarhub.publication.models import DisseminationPlan, Form, PublicationProposal, library_fields
from sarhub.publication.permissions import can_propose
from sarhub.reviews.models import Review, Stage

PSEUDONYM_LINE = "reference and pseudonym"  # where the public heading is, among the checked texts


def _public_actions(review: Review) -> list[tuple[str, Any]]:
    """The review's actions in the order the public review page lists them (`public_progress`), each with
    where it is in words: "action 12 for recommendation 1" or "action 13", by the action's number as staff
    pages and tasks show it. The check and the page use the same words, and the number never changes as
    actions are added, so a clearance recorded for an action's words is found again when the page is
    built."""
    from sarhub.actions.models import Action

    actions = list(
        Action.objects.filter(review=review)
        .select_related("owner_agency", "recommendation")
        .only("what", "status", "due_on", "owner_agency__name", "recommendation__number", "finding_id")
        .order_by("due_on", "id")
    )
    return [
        (
            f"action {action.pk}"
            + (f" for recommendation {action.recommendation.number}" if action.recommendation is not None else ""),
            action,
        )
        for action in actions
    ]


def public_texts(review: Review, summary: str) -> list[tuple[str, str]]:
    """Every text that publication would make public, with where it comes from, in the order the public
    review page shows them: its heading (reference and pseudonym), the summary, each finding, each
    recommendation and the Board's response to it, and the words of each action (frozen with the proposal,
    `public_content`, and shown by `public_progress` only while the action still has those words)."""
    texts = [(PSEUDONYM_LINE, f"{review.reference}: {review.pseudonym}"), ("summary", summary)]
    texts += [(f"finding {f.number}", f.text) for f in review.findings.all()]
    for r in review.recommendations.all():
        texts.append((f"recommendation {r.number}", r.text))
        if r.response_reasons:
            texts.append((f"recommendation {r.number} response", r.response_reasons))
    texts += [(where, action.what) for where, action in _public_actions(review)]
    return [(where, text) for where, text in texts if text.strip()]


def public_content(review: Review, summary: str) -> dict[str, Any]:
    """What the public pages show, frozen at the proposal (later edits to the review change nothing public
    until a new proposal is checked and approved). Every text in it is one of `public_texts`."""
    findings = list(review.findings.prefetch_related("practice_themes", "abuse_types"))
    recommendations = list(review.recommendations.prefetch_related("agencies"))
    return {
        "reference": review.reference,
        "pseudonym": review.pseudonym,
        "route": review.route,
        "route_label": review.route_label,
        "year": review.signed_off_on.year if review.signed_off_on else None,
        "summary": summary,
        "findings": [
            {
                "number": f.number,
                "kind": f.get_kind_display(),
                "domain": f.get_domain_display(),
                "text": f.text,
                "practice_themes": [t.name for t in f.practice_themes.all()],
            }
            for f in findings
        ],
        "recommendations": [
            {
                "number": r.number,
                "text": r.text,
                "to": ", ".join([*(["the Board"] if r.to_board else []), *[a.name for a in r.agencies.all()]]),
                "response": r.get_response_display(),
                "response_reasons": r.response_reasons,
            }
            for r in recommendations
        ],
        "practice_themes": sorted({t.name for f in findings for t in f.practice_themes.all()}),
        "abuse_types": sorted({a.name for f in findings for a in f.abuse_types.all()}),
        # Each action's words by its id, exactly as checked (`public_texts`): the only words of actions the
        # public ever sees (`public_progress`).
        "actions": {str(action.pk): action.what for _, action in _public_actions(review) if action.what.strip()},
    }


def scan(review: Review, summary: str, file: Any, texts: list[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """What the gate's check finds in every public text (`texts`, by default `public_texts`) and in the
    file (`gate.scan_review`)."""
    return gate.scan_review(review, public_texts(review, summary) if texts is None else texts, file)


def _check(review: Review, data: dict[str, Any]) -> None:
    form = data.get("form")
    errors: dict[str, str] = {}
    if form not in Form.values:
        errors["form"] = "Select how the review is published"
    elif form == Form.NOT_PUBLISHED:
        if not (data.get("reason") or "").strip():
            errors["reason"] = "Give the reason it is not published, for example the family's wishes"
        if not (data.get("dissemination_plan") or "").strip():
            errors["dissemination_plan"] = "Say how the learning will be disseminated and acted on"
    else:
        if not (data.get("summary") or "").strip():
            errors["summary"] = "Write the public summary"
        if form == Form.EMBARGOED:
            until, process = data.get("embargo_until"), data.get("embargo_process")
            if not until and not process:
                errors["embargo_until"] = "Give the date the embargo ends, or the process it waits for"
            if until and until <= timezone.localdate():
                errors["embargo_until"] = "The embargo must end after today"
            if process is not None and process.review_id != review.pk:
                errors["embargo_process"] = "Choose a parallel process of this review"
        file = data.get("file")
        if file is not None and (file.document.owner_id != review.pk or file.kind not in ("pdf", "docx")):
            errors["file"] = "Choose a PDF or Word document from the review's documents"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def propose(actor: Person, review: Review, data: dict[str, Any]) -> PublicationProposal:
    if not can_propose(actor):
        raise PermissionDenied
    if review.stage not in (Stage.BOARD_SIGN_OFF, Stage.COMPLETE) or review.signed_off_on is None:
        raise ValidationError("Propose publication once the Board has signed the review off")
    _check(review, data)
    form = data["form"]
    public = form != Form.NOT_PUBLISHED
    summary = (data.get("summary") or "").strip() if public else ""
    texts = public_texts(review, summary) if public else []
    hits = scan(review, summary, data.get("file"), texts) if public else []
    content = public_content(review, summary) if public else {}
    proposal = gate.propose(
        actor,
        PublicationProposal,
        review,
        texts=texts,
        hits=hits,
        detail=form,
        form=form,
        reason=(data.get("reason") or "").strip(),
        embargo_until=data.get("embargo_until") if form == Form.EMBARGOED else None,
        embargo_process=data.get("embargo_process") if form == Form.EMBARGOED else None,
        summary=summary,
        file=data.get("file") if public else None,
        content=content,
        **(library_fields(content) if public else {}),
    )
    if form == Form.NOT_PUBLISHED:
        DisseminationPlan.objects.update_or_create(
            review=review, defaults={"plan": data["dissemination_plan"].strip(), "agreed_by": actor}
        )
    _ask_chairs(actor, proposal)
    return proposal


def proposal_name(proposal: PublicationProposal) -> str:
    """A proposal named for emails and task lists: "SAR-2026-001 (Adult Q)", with the pseudonym it proposes
    (frozen in `content`, never the review's as it is now, which may have been changed since), or the
    reference alone while the check found something in that pseudonym (it may be the adult's real name)."""
    review = proposal.review
    if any(hit.get("where") == PSEUDONYM_LINE for hit in proposal.hits):
        return review.reference
    return f"{review.reference} ({proposal.content.get('pseudonym') or review.pseudonym})"


def _ask_chairs(actor: Person, proposal: PublicationProposal) -> None:
    """Email each independent chair (but the proposer) that there is a proposal to decide: the review by
    reference and the pseudonym proposed (`named`), and a link to its publication page."""
    review = proposal.review
    named = proposal_name(proposal)
    found = len(proposal.findings)
    if proposal.form == Form.NOT_PUBLISHED:
        check = "Nothing would be made public, so there was nothing to check for identifying details."
    elif found:
        check = (
            f"The de-identification check found {things(found)} that could identify someone. "
            "The business unit clears each with a reason before it can be approved."
        )
    else:
        check = "The de-identification check found nothing that could identify anyone."
    tell(
        gate.approvers_to_ask(actor),
        subject=f"Publication to approve: {named}",
        lines=[
            f"The business unit proposes how {named} is published: {proposal.get_form_display().lower()}.",
            check,
            "Please approve it or say why not. You will be asked for a security code.",
        ],
        path=reverse("publication:for-review", args=[review.pk]),
        purpose=f"publication proposal {proposal.pk}",
    )


def clear_hit(actor: Person, proposal: PublicationProposal, key: str, reason: str) -> PublicationProposal:
    return gate.clear_hit(actor, proposal, key, reason)


def approve(actor: Person, proposal: PublicationProposal, *, note: str = "") -> PublicationProposal:
    return gate.approve(actor, proposal, note=note)


def refuse(actor: Person, proposal: PublicationProposal, *, note: str) -> PublicationProposal:
    return gate.refuse(actor, proposal, note=note)


def unpublish(actor: Person, proposal: PublicationProposal) -> PublicationProposal:
    """Take a review off the public site at once."""
    return gate.unpublish(actor, proposal)


@transaction.atomic
def complete_dissemination(actor: Person, plan: DisseminationPlan, note: str) -> DisseminationPlan:
    """Record that the agreed dissemination plan has been carried out, and how."""
    if not can_propose(actor):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"completion_note": "Say how the learning was disseminated"})
    updated = DisseminationPlan.objects.filter(pk=plan.pk, completed_at__isnull=True).update(
        completed_at=timezone.now(), completed_by=actor, completion_note=note.strip()
    )
    if not updated:
        raise ValidationError("The dissemination plan is already recorded as complete")
    record(Action.STATE_CHANGE, person=actor, obj=plan, detail="dissemination complete")
    plan.refresh_from_db()
    return plan


def published() -> list[PublicationProposal]:
    return list(PublicationProposal.objects.published())


def published_review_ids() -> list[int]:
    return sorted(PublicationProposal.objects.published().values_list("review_id", flat=True))


def public_progress(review: Review, approved: PublicationProposal | None = None) -> dict[str, Any]:
    """The public record of actions and progress (SCIE Quality Marker 15): the action plan as it is now,
    with only the words the chair approved.

    Each action shows its owner agency (never a person), due month, status and RAG rating, live. Its words
    are shown only as they were frozen in the publication that was `approved` (`public_content`, checked and
    cleared there) and only while the action still has exactly those words. An action added or reworded
    since shows that it exists and how it is progressing, without words, until a new proposal (which
    freezes every action's words again, for the chair to approve as a set) is approved. Nothing is checked
    or shown live, so an edit can never put unapproved words on the public page."""
    from sarhub.actions.models import RAG_LABELS, STATUS_LABELS

    today = timezone.localdate()
    placed = _public_actions(review)
    frozen: dict[str, str] = dict((approved.content.get("actions") or {}) if approved is not None else {})
    by_recommendation: dict[int, list[dict[str, Any]]] = {}
    other: list[dict[str, Any]] = []
    counts: dict[str, int] = {}
    for _, action in placed:
        rag = action.rag(today)
        counts[rag] = counts.get(rag, 0) + 1
        words = frozen.get(str(action.pk), "")
        row = {
            "what": words if words and words == action.what else "",
            "owner": action.owner_agency.name if action.owner_agency else "The Board",
            "due": action.due_on,
            "status": STATUS_LABELS.get(action.status, action.status),
            "rag": rag,
            "rag_label": RAG_LABELS[rag],
        }
        if action.recommendation is not None:
            by_recommendation.setdefault(action.recommendation.number, []).append(row)
        else:
            other.append(row)
    return {"by_recommendation": by_recommendation, "other": other, "counts": counts, "total": len(placed)}
