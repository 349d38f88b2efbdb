"""Screening: asking the agencies involved for scoping summaries, their answers, and reminders."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.partnership import asking
from sarhub.partnership.models import Agency, Board, Person
from sarhub.partnership.notify import deliver, people_with
from sarhub.referrals import permissions
from sarhub.referrals.models import Judgement, Referral, RequestStatus, ScopingRequest, Status
from sarhub.referrals.services import workflow


def due_date(today: date | None = None) -> date:
    return asking.due_date(settings.SCOPING_WORKING_DAYS, today)


def _tell_leads(scoping: ScopingRequest, template: str, subject: str) -> None:
    board = Board.current()
    link = settings.SITE_URL + reverse("referrals:request", args=[scoping.pk])
    body = render_to_string(template, {"scoping": scoping, "board": board, "link": link})
    for email in people_with(Role.AGENCY_SAFEGUARDING_LEAD, agency_id=scoping.agency_id):
        deliver(subject=subject, body=body, to=email, purpose=f"scoping request {scoping.pk}", group=scoping.agency_id)


@transaction.atomic
def request_scoping(
    actor: Person, referral: Referral, agencies: list[Agency], *, note: str = ""
) -> list[ScopingRequest]:
    if not permissions.can_manage_referrals(actor):
        raise PermissionDenied
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION):
        raise ValidationError(f"A referral that is {locked.status_label.lower()} is not being screened")
    if not agencies:
        raise ValidationError({"agencies": "Select at least one agency"})
    open_already = set(
        locked.scoping_requests.filter(status__in=[RequestStatus.REQUESTED, RequestStatus.ANSWERED]).values_list(
            "agency_id", flat=True
        )
    )
    repeated = [a.name for a in agencies if a.pk in open_already]
    if repeated:
        raise ValidationError({"agencies": f"A request has already been sent to {', '.join(repeated)}"})
    due = due_date()
    created = [
        ScopingRequest.objects.create(referral=locked, agency=agency, note=note, requested_by=actor, due_on=due)
        for agency in agencies
    ]
    for scoping in created:
        record(Action.CREATE, person=actor, obj=scoping, detail=f"agency {scoping.agency_id}, due {due.isoformat()}")
    if locked.status != Status.SCREENING:
        workflow.move(actor, locked, Status.SCREENING, detail="scoping requested")

    def tell_all() -> None:
        for scoping in created:
            subject = f"Scoping summary requested: {scoping.referral.reference}"
            _tell_leads(scoping, "referrals/email/scoping_request.txt", subject)

    transaction.on_commit(tell_all)
    return created


@transaction.atomic
def answer_scoping(actor: Person, scoping: ScopingRequest, *, involvement: str, concerns: str) -> ScopingRequest:
    locked = ScopingRequest.objects.select_for_update().select_related("referral", "agency").get(pk=scoping.pk)
    if not any(a.pk == locked.agency_id for a in permissions.agency_lead_agencies(actor)):
        raise PermissionDenied
    asking.ensure_waiting(locked)
    if not involvement.strip():
        raise ValidationError({"involvement": "Describe your agency's involvement with the adult"})
    locked.involvement = involvement
    locked.concerns = concerns
    asking.take_answer(locked, actor, status=RequestStatus.ANSWERED, by="answered_by", at="answered_at")
    locked.save()
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="answered")
    board = Board.current()
    link = settings.SITE_URL + reverse("referrals:detail", args=[locked.referral_id])
    body = render_to_string("referrals/email/scoping_answered.txt", {"scoping": locked, "board": board, "link": link})
    subject = f"Scoping summary received: {locked.referral.reference}"
    transaction.on_commit(
        lambda: [
            deliver(subject=subject, body=body, to=e, purpose=f"scoping answer {locked.pk}")
            for e in people_with(*BUSINESS_UNIT_ROLES)
        ]
    )
    return locked


@transaction.atomic
def withdraw_scoping(actor: Person, scoping: ScopingRequest) -> ScopingRequest:
    if not permissions.can_manage_referrals(actor):
        raise PermissionDenied
    return asking.withdraw(actor, scoping)


@transaction.atomic
def judge_criterion(actor: Person, referral: Referral, *, judgement: str, reasons: str) -> Referral:
    """Record the business unit's judgement of section 44 (for a public referral, which does not ask the
    referrer which part of the law applies). It may be changed until the decision."""
    if not permissions.can_manage_referrals(actor):
        raise PermissionDenied
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.status not in (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION):
        raise ValidationError(f"A referral that is {locked.status_label.lower()} is not being screened")
    if judgement not in Judgement.values:
        raise ValidationError({"judgement": "Select which part of section 44 applies, or that it is not met"})
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for your judgement"})
    before = locked.screening_criterion or "none"
    locked.screening_criterion = judgement
    locked.screening_criterion_reasons = reasons.strip()
    locked.screening_criterion_by = actor
    locked.screening_criterion_at = timezone.now()
    locked.save(
        update_fields=[
            "screening_criterion",
            "screening_criterion_reasons",
            "screening_criterion_by",
            "screening_criterion_at",
        ]
    )
    record(Action.UPDATE, person=actor, obj=locked, detail=f"section 44 judgement: {before} -> {judgement}")
    return locked


def send_reminders(today: date | None = None) -> int:
    """Remind the leads of every overdue request, at most once a day. Returns how many requests."""

    def remind(scoping: ScopingRequest) -> None:
        _tell_leads(
            scoping, "referrals/email/scoping_reminder.txt", f"Overdue scoping summary: {scoping.referral.reference}"
        )
        record(Action.UPDATE, obj=scoping, detail=f"reminder {scoping.reminder_count + 1} sent")

    requests = ScopingRequest.objects.select_related("referral", "agency")
    return asking.remind_overdue(requests, today or timezone.localdate(), remind)
