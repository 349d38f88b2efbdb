"""Fictional demo action plan, built through the real services (every detail is invented).

Actions answer the recommendations of the demo's reviews: the signed-off SAR-2026-008 (Adult O), and
immediate actions agreed while Adult E's and Adult L's reviews continue. They are owned by the council
(RMBC), the hospital trust (TRFT, the demo agency lead's agency) and the Board, and between them are in
every status: not started, on track, at risk, off track, completed and awaiting assurance, assured
complete (one with its impact checked, one returned once before it was accepted) and not implemented.
Some are overdue and some due soon, so the reminders and the RAG ratings have something to show. One
decision not to implement a finding (Adult N) is recorded too.

The services stamp every step with today's date; `_settle` then spreads each action's history over the
weeks before today, as if the plan had been worked on for a while.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from sarhub.actions import services
from sarhub.actions.models import Action, ProgressUpdate, Status
from sarhub.demo.files import simple_pdf
from sarhub.documents.services import add_document
from sarhub.events.models import Proposal, ProposalKind
from sarhub.partnership.models import Agency, Person
from sarhub.reviews.models import Finding, Review, ReviewRecommendation

PROGRESS = ProgressUpdate.Kind.PROGRESS


def _recommendation(review: Review | None) -> ReviewRecommendation | None:
    return ReviewRecommendation.objects.filter(review=review).order_by("number").first() if review else None


def _new(
    manager: Person,
    recommendation: ReviewRecommendation,
    *,
    what: str,
    owner: Agency | None,
    lead: Person,
    measure: str,
    proposal: Proposal | None = None,
) -> Action:
    return services.create_action(
        manager,
        recommendation.review,
        {
            "recommendation": recommendation,
            "proposal": proposal,
            "what": what,
            "owner_agency": owner,
            "lead": lead,
            # Any date from today will do here: _settle sets the real one.
            "due_on": timezone.localdate() + timedelta(days=90),
            "success_measure": measure,
        },
    )


def _progress(actor: Person, action: Action, status: str, note: str) -> Action:
    return services.report_progress(actor, action, action.version, {"status": status, "note": note})


def _evidence(actor: Person, action: Action, title: str, lines: list[str]) -> None:
    upload = SimpleUploadedFile(
        f"{title.lower().replace(' ', '-')}.pdf", simple_pdf(title, ["Fictional demo evidence.", *lines])
    )
    add_document(actor, action, title=title, classification="internal", upload=upload)


def _complete(actor: Person, action: Action, title: str, note: str) -> Action:
    _evidence(actor, action, title, [note])
    return _progress(actor, action, Status.AWAITING_ASSURANCE, note)


def _accept(manager: Person, action: Action, note: str) -> Action:
    check = timezone.localdate() + timedelta(days=90)
    return services.assure(
        manager, action, action.version, {"decision": "accept", "note": note, "impact_check_on": check}
    )


def _settle(action: Action, *, created_days_ago: int, due_in: int, steps_days_ago: Sequence[int], **extra: Any) -> None:
    """Spread the action's history over the past: created, then each update (oldest first) the given
    number of days ago; the completion and assurance dates follow the updates that set them."""
    now, today = timezone.now(), timezone.localdate()
    updates = list(ProgressUpdate.objects.filter(action=action).order_by("pk"))
    if len(updates) != len(steps_days_ago):
        raise ValueError(f"Action {action.pk} has {len(updates)} updates; {len(steps_days_ago)} dates were given")
    fields: dict[str, Any] = {
        "created_at": now - timedelta(days=created_days_ago),
        "updated_at": now - timedelta(days=min(steps_days_ago, default=created_days_ago)),
        "due_on": today + timedelta(days=due_in),
    }
    completed_days_ago: int | None = None
    for update, days in zip(updates, steps_days_ago, strict=True):
        ProgressUpdate.objects.filter(pk=update.pk).update(created_at=now - timedelta(days=days))
        if update.kind == PROGRESS and update.status_after == Status.AWAITING_ASSURANCE:
            if update.status_before != Status.AWAITING_ASSURANCE:
                completed_days_ago = days
        elif update.kind == ProgressUpdate.Kind.RETURNED:
            completed_days_ago = None
        elif update.kind == ProgressUpdate.Kind.ACCEPTED:
            fields["assured_at"] = now - timedelta(days=days)
        elif update.kind == ProgressUpdate.Kind.IMPACT:
            fields["impact_recorded_at"] = now - timedelta(days=days)
    if action.status in (Status.AWAITING_ASSURANCE, Status.ASSURED) and completed_days_ago is not None:
        fields["completed_on"] = today - timedelta(days=completed_days_ago)
    Action.objects.filter(pk=action.pk).update(**fields, **extra)


@transaction.atomic
def seed_actions(people: dict[str, Person]) -> None:
    if Action.objects.exists():
        return
    olive = Review.objects.filter(pseudonym="Adult O", signed_off_on__isnull=False).first()
    carers = _recommendation(olive)
    if carers is None:
        return
    manager, coordinator = people["bu-manager"], people["bu-coordinator"]
    lead, council_lead = people["agency-lead"], people["line-manager"]
    trust = Agency.objects.get(short_name="TRFT")
    council = Agency.objects.get(short_name="RMBC")
    today = timezone.localdate()

    # Adult O, signed off three weeks ago: the plan answering "Offer a carer's assessment whenever a
    # relative provides personal care".
    prompt = _new(
        manager,
        carers,
        what="Add a carer's assessment prompt to the adult social care first-contact form.",
        owner=council,
        lead=council_lead,
        measure="The prompt is live; an audit of 50 first contacts finds a carer's assessment offered in 45.",
    )
    prompt = _progress(council_lead, prompt, Status.ON_TRACK, "Fictional: form change agreed with the systems team.")
    prompt = _complete(
        council_lead,
        prompt,
        "First contact form change",
        "Fictional: the prompt went live on Monday; screenshots and the change note attached.",
    )
    prompt = _accept(manager, prompt, "Fictional: the screenshots and change note show the prompt is live.")
    services.record_impact(
        manager,
        prompt,
        prompt.version,
        "Fictional: an audit of 50 first contacts found a carer's assessment offered in 46 (92%).",
    )
    _settle(
        prompt,
        created_days_ago=19,
        due_in=-2,
        steps_days_ago=[17, 12, 10, 1],
        impact_check_on=today - timedelta(days=1),
    )

    audit = _new(
        manager,
        carers,
        what="Audit carers' assessments offered where a relative provides personal care, and report to the Board.",
        owner=council,
        lead=council_lead,
        measure="A quarterly audit report to the Board's quality subgroup.",
    )
    audit = _progress(council_lead, audit, Status.ON_TRACK, "Fictional: audit tool agreed; first sample drawn.")
    audit = _complete(
        council_lead, audit, "Carers audit report", "Fictional: first quarterly audit report sent to the subgroup."
    )
    audit = services.assure(
        manager, audit, audit.version, {"decision": "return", "note": "Fictional: the sample leaves out re-referrals."}
    )
    audit = _complete(
        council_lead,
        audit,
        "Carers audit report v2",
        "Fictional: re-run with re-referrals included; the revised report is attached.",
    )
    audit = _accept(manager, audit, "Fictional: the revised audit covers every route in.")
    _settle(audit, created_days_ago=19, due_in=-1, steps_days_ago=[16, 12, 9, 5, 2])

    visits = _new(
        manager,
        carers,
        what="District nurses ask carers at every visit what care they can and cannot manage, and record it.",
        owner=trust,
        lead=lead,
        measure="A record of the conversation in 9 of 10 sampled district nursing records.",
    )
    visits = _progress(lead, visits, Status.ON_TRACK, "Fictional: a new field in the district nursing record.")
    visits = _complete(
        lead,
        visits,
        "District nursing record sample",
        "Fictional: a sample of 20 records shows the question asked and answered in 19.",
    )
    # Waiting for assurance for more than ten working days: on the business unit's escalation list.
    _settle(visits, created_days_ago=20, due_in=-3, steps_days_ago=[18, 17])

    discharge = _new(
        manager,
        carers,
        what="Add the carer's ability to provide care to the hospital discharge checklist.",
        owner=trust,
        lead=lead,
        measure="The checklist includes the question; ward audits show it completed for 8 in 10 discharges.",
    )
    discharge = services.update_details(
        manager,
        discharge,
        discharge.version,
        {
            "what": discharge.what,
            "success_measure": discharge.success_measure,
            "due_on": today + timedelta(days=90),
            "lead": lead,
            "owner_agency": trust,
        },
    )
    discharge = _progress(
        lead,
        discharge,
        Status.AT_RISK,
        "Fictional: the discharge checklist is being redesigned trust-wide; our change waits for it.",
    )
    _settle(discharge, created_days_ago=19, due_in=12, steps_days_ago=[14, 4])

    briefing = _new(
        manager,
        carers,
        what="Share the 7-minute briefing on carers' assessments with every partner agency.",
        owner=None,
        lead=coordinator,
        measure="Every agency records how it shared the briefing; at least 200 staff reached.",
    )
    briefing = _progress(coordinator, briefing, Status.ON_TRACK, "Fictional: briefing sent; 2 of 8 agencies recorded.")
    _settle(briefing, created_days_ago=18, due_in=45, steps_days_ago=[13])

    # Adult L, at factual accuracy: immediate actions on financial abuse while the review continues.
    finance = _recommendation(Review.objects.filter(pseudonym="Adult L").first())
    if finance is not None:
        training = _new(
            manager,
            finance,
            what="Train ward staff to ask about financial abuse on admission.",
            owner=trust,
            lead=lead,
            measure="80% of ward staff on the older people's wards trained; a question on the admission form.",
        )
        training = _progress(lead, training, Status.ON_TRACK, "Fictional: a training session drafted.")
        training = _progress(
            lead, training, Status.OFF_TRACK, "Fictional: the trainer left; sessions cancelled until a replacement."
        )
        _settle(training, created_days_ago=40, due_in=-6, steps_days_ago=[30, 8])

        admission = _new(
            manager,
            finance,
            what="Add a question about who manages the person's money to the admission paperwork.",
            owner=trust,
            lead=lead,
            measure="The question is on the admission form; a sample of 20 admissions shows it answered.",
        )
        _settle(admission, created_days_ago=12, due_in=18, steps_days_ago=[])

    # Adult E, in analysis: fire risk, with an action from the learning event's proposals.
    sar = Review.objects.filter(pseudonym="Adult E").first()
    fire = _recommendation(sar)
    if fire is not None:
        route = _new(
            manager,
            fire,
            what="Agree a joint fire-risk referral route between the council and the fire service.",
            owner=council,
            lead=council_lead,
            measure="A signed referral route; referrals to the fire service counted each quarter.",
        )
        route = _progress(council_lead, route, Status.ON_TRACK, "Fictional: first meeting with the fire service held.")
        _settle(route, created_days_ago=45, due_in=-4, steps_days_ago=[35])

        proposal = Proposal.objects.filter(event__review=sar, kind=ProposalKind.ACTION).first()
        summaries = _new(
            manager,
            fire,
            what="Send discharge summaries to every agency involved in the person's care.",
            owner=None,
            lead=manager,
            measure="The Board's information-sharing protocol says so; an audit finds it done in 9 of 10 cases.",
            proposal=proposal,
        )
        _settle(summaries, created_days_ago=10, due_in=120, steps_days_ago=[])

        register = _new(
            manager,
            fire,
            what="Set up a shared register of people at high fire risk.",
            owner=council,
            lead=council_lead,
            measure="A register every agency can read and add to.",
        )
        register = services.close_not_implemented(
            manager,
            register,
            register.version,
            "Fictional: the Board decided the joint referral route answers the risk; a shared register would "
            "hold more personal data than the purpose needs.",
        )
        _settle(register, created_days_ago=45, due_in=30, steps_days_ago=[20])

    # Adult N: the Board decides not to take a finding forward as a new action.
    norman = Review.objects.filter(pseudonym="Adult N").first()
    finding = Finding.objects.filter(review=norman).order_by("number").first() if norman else None
    if norman is not None and finding is not None:
        services.record_not_implemented(
            manager,
            norman,
            {
                "finding": finding,
                "reasons": (
                    "Fictional: the trust's outreach policy, revised this year, already answers it; the Board will "
                    "follow it through the quarterly performance report instead of a new action."
                ),
                "decided_on": today - timedelta(days=9),
            },
        )
