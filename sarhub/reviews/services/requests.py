"""Requests from a review to the agencies involved: chronologies, individual management reviews (IMRs)
and the factual-accuracy round on the draft report, with deadlines in working days, answers,
reminders, the review team's responses to comments and the disputes that remain.

Every change is checked here, written to the audit log, and tells whoever must act next by email
(one message each, naming the review by its reference and pseudonym only).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.documents.models import Document, DocumentType, DocumentVersion
from sarhub.partnership import asking
from sarhub.partnership.models import Agency, Person
from sarhub.partnership.notify import Deliveries, lead_counts, people_with, sent_summary, tell
from sarhub.reviews import permissions
from sarhub.reviews.models import (
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    RequestKind,
    Review,
    Stage,
    kind_words,
)
from sarhub.reviews.services.running import Check

INFORMATION_KINDS = (RequestKind.CHRONOLOGY, RequestKind.IMR)


def due_date(kind: str, today: date | None = None) -> date:
    days = (
        settings.ACCURACY_WORKING_DAYS if kind == RequestKind.FACTUAL_ACCURACY else settings.REVIEW_REQUEST_WORKING_DAYS
    )
    return asking.due_date(days, today)


def _name(review: Review) -> str:
    return f"{review.reference} ({review.pseudonym})"


def _request_path(request: AgencyRequest) -> str:
    return reverse("reviews:request", args=[request.pk])


def _tell_leads(request: AgencyRequest, subject: str, lines: list[str], purpose: str) -> None:
    tell(
        people_with(Role.AGENCY_SAFEGUARDING_LEAD, agency_id=request.agency_id),
        subject=subject,
        lines=lines,
        path=_request_path(request),
        purpose=purpose,
        group=request.agency_id,
    )


def review_team_emails(review: Review) -> set[str]:
    """Who hears of an agency's answer: the review's lead reviewers and the business unit."""
    return {*people_with(Role.LEAD_REVIEWER, review_id=review.pk), *people_with(*BUSINESS_UNIT_ROLES)}


def _tell_review_team(review: Review, request: AgencyRequest, subject: str, lines: list[str], purpose: str) -> None:
    tell(
        review_team_emails(review),
        subject=subject,
        lines=lines,
        path=_request_path(request),
        purpose=purpose,
    )


def review_drafts(review: Review) -> QuerySet[DocumentVersion]:
    """Every version of the review's draft reports (documents of type draft report), newest first: what
    may go to the agencies for their factual-accuracy comments."""
    return (
        DocumentVersion.objects.filter(
            document__owner_type=ContentType.objects.get_for_model(Review),
            document__owner_id=review.pk,
            document__document_type=DocumentType.DRAFT_REPORT,
        )
        .select_related("document")
        .order_by("-uploaded_at", "-id")
    )


def leads_missing(agencies: Any) -> list[Agency]:
    """The agencies among these with no current safeguarding lead: a request to them reaches no one."""
    chosen = list(agencies)
    counts = lead_counts(a.pk for a in chosen)
    return [a for a in chosen if not counts.get(a.pk)]


def sent_message(created: list[AgencyRequest], what: str, emails: Deliveries) -> str:
    """A true account of a send: the emails that went to agencies' safeguarding leads, the agencies no one
    received it at, the emails that could not be sent, and when answers are due."""
    names = {r.agency_id: r.agency.name for r in created}
    due = created[0].due_on
    return f"{sent_summary(emails, names, what=what)} Answers are due by {due:%-d %B %Y}."


def _open_requests(
    actor: Person,
    review: Review,
    agencies: list[Agency],
    kind: str,
    *,
    note: str,
    draft: DocumentVersion | None = None,
) -> list[AgencyRequest]:
    if not agencies:
        raise ValidationError({"agencies": "Select at least one agency"})
    inactive = [a.name for a in agencies if not a.is_active]
    if inactive:
        raise ValidationError({"agencies": f"{', '.join(inactive)} is no longer a partner agency"})
    waiting = set(
        AgencyRequest.objects.filter(
            review=review, kind=kind, status=AgencyRequestStatus.REQUESTED, agency__in=agencies
        ).values_list("agency__name", flat=True)
    )
    if waiting:
        raise ValidationError(
            {
                "agencies": f"{', '.join(sorted(waiting))} already has "
                f"{'an' if kind_words(kind)[0] in 'aeiou' else 'a'} {kind_words(kind)} request open"
            }
        )
    due = due_date(kind)
    created = [
        AgencyRequest.objects.create(
            review=review, agency=agency, kind=kind, note=note, draft=draft, due_on=due, requested_by=actor
        )
        for agency in agencies
    ]
    what = kind_words(kind)
    for request in created:
        record(Action.CREATE, person=actor, obj=request, detail=f"{kind} from agency {request.agency_id}, due {due}")
        _tell_leads(
            request,
            f"{_name(review)}: {what} requested from {request.agency.name}",
            [
                f"The review team for review {_name(review)} asks {request.agency.name} for: {what}.",
                f"It is due by {due:%-d %B %Y}.",
            ],
            f"review request {request.pk}",
        )
    return created


@transaction.atomic
def request_information(
    actor: Person, review: Review, agencies: list[Agency], kind: str, *, note: str = ""
) -> list[AgencyRequest]:
    """Ask agencies for a chronology or an individual management review."""
    if not permissions.can_edit_content(actor, review):
        raise PermissionDenied
    if kind not in INFORMATION_KINDS:
        raise ValidationError({"kind": "Select a chronology or an individual management review"})
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.stage == Stage.COMPLETE:
        raise ValidationError("The review is complete: it cannot ask agencies for anything more")
    return _open_requests(actor, locked, agencies, kind, note=note)


@transaction.atomic
def start_accuracy_round(
    actor: Person, review: Review, agencies: list[Agency], draft: DocumentVersion, *, note: str = ""
) -> list[AgencyRequest]:
    """Send the draft report to agencies for their comments on its factual accuracy."""
    if not permissions.can_edit_content(actor, review):
        raise PermissionDenied
    locked = Review.objects.select_for_update().get(pk=review.pk)
    if locked.stage != Stage.FACTUAL_ACCURACY:
        raise ValidationError("Agencies comment on the draft when the review is at factual accuracy")
    if not review_drafts(locked).filter(pk=draft.pk).exists():
        raise ValidationError({"draft": "Select a draft report from the review's documents"})
    return _open_requests(actor, locked, agencies, RequestKind.FACTUAL_ACCURACY, note=note, draft=draft)


def _locked(request: AgencyRequest) -> AgencyRequest:
    return AgencyRequest.objects.select_for_update().select_related("review", "agency").get(pk=request.pk)


def _attached_documents(request: AgencyRequest) -> int:
    return Document.objects.filter(
        owner_type=ContentType.objects.get_for_model(AgencyRequest), owner_id=request.pk
    ).count()


@transaction.atomic
def submit(actor: Person, request: AgencyRequest, *, cover_note: str = "") -> AgencyRequest:
    """The agency's lead sends the answer: the uploaded chronology or IMR, or their comments on the draft."""
    locked = _locked(request)
    if not permissions.leads_agency_of(actor, locked):
        raise PermissionDenied
    asking.ensure_waiting(locked)
    if locked.kind in INFORMATION_KINDS and not _attached_documents(locked):
        raise ValidationError(f"Upload the {locked.kind_words} before you send it")
    answered = asking.take_answer(
        locked, actor, status=AgencyRequestStatus.SUBMITTED, by="submitted_by", at="submitted_at"
    )
    locked.cover_note = cover_note.strip()
    locked.save(update_fields=[*answered, "cover_note"])
    comments = locked.comments.count()
    detail = f"{comments} comment{'s' if comments != 1 else ''}" if locked.is_accuracy_check else "submitted"
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=detail)
    if locked.is_accuracy_check:
        summary = (
            f"{locked.agency.name} has sent {comments} comment{'s' if comments != 1 else ''} on the draft report."
            if comments
            else f"{locked.agency.name} has no comments on the draft report."
        )
    else:
        again = " again, after it was returned" if locked.return_count else ""
        summary = (
            f"{locked.agency.name} has sent its {locked.kind_words}{again}. Accept it or return it on the request."
        )
    _tell_review_team(
        locked.review,
        locked,
        f"{_name(locked.review)}: {locked.kind_words} received from {locked.agency.name}",
        [f"Review {_name(locked.review)}.", summary],
        f"review request {locked.pk} answered",
    )
    return locked


@transaction.atomic
def withdraw(actor: Person, request: AgencyRequest) -> AgencyRequest:
    if not permissions.can_edit_content(actor, request.review):
        raise PermissionDenied
    return asking.withdraw(actor, request)


# --- The review team checks a chronology or IMR ------------------------------------------------------

RESUBMIT_WORKING_DAYS = 10


def _checkable(actor: Person, request: AgencyRequest) -> AgencyRequest:
    locked = _locked(request)
    if not permissions.can_edit_content(actor, locked.review):
        raise PermissionDenied
    if locked.kind not in INFORMATION_KINDS:
        raise ValidationError("Only a chronology or an IMR is accepted or returned")
    if locked.status != AgencyRequestStatus.SUBMITTED or locked.accepted_at is not None:
        raise ValidationError(f"This {locked.kind_words} is not waiting to be checked")
    return locked


@transaction.atomic
def accept(actor: Person, request: AgencyRequest) -> AgencyRequest:
    """The lead reviewer (or the business unit) accepts the chronology or IMR the agency sent."""
    locked = _checkable(actor, request)
    locked.accepted_by = actor
    locked.accepted_at = timezone.now()
    locked.save(update_fields=["accepted_by", "accepted_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="accepted")
    return locked


@transaction.atomic
def return_to_agency(actor: Person, request: AgencyRequest, *, reasons: str) -> AgencyRequest:
    """Return the chronology or IMR with reasons: the request is open again, due in 10 working days, and
    the agency's leads are told (the reasons are read in SAR Hub, not in the email)."""
    locked = _checkable(actor, request)
    if not reasons.strip():
        raise ValidationError({"reasons": f"Say why the {locked.kind_words} is being returned"})
    if (
        AgencyRequest.objects.filter(
            review=locked.review, agency=locked.agency, kind=locked.kind, status=AgencyRequestStatus.REQUESTED
        )
        .exclude(pk=locked.pk)
        .exists()
    ):
        raise ValidationError(
            f"{locked.agency.name} already has another {locked.kind_words} request open: "
            "withdraw that one first, or add your reasons to it"
        )
    locked.status = AgencyRequestStatus.REQUESTED
    locked.return_reasons = reasons.strip()
    locked.returned_by = actor
    locked.returned_at = timezone.now()
    locked.return_count += 1
    locked.submitted_by = None
    locked.submitted_at = None
    locked.due_on = asking.due_date(RESUBMIT_WORKING_DAYS)
    locked.last_reminded_on = None
    locked.reminder_count = 0
    locked.save()
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail=f"returned ({locked.return_count})")
    what = locked.kind_words
    _tell_leads(
        locked,
        f"{_name(locked.review)}: {what} returned to {locked.agency.name}",
        [
            f"The review team for review {_name(locked.review)} has returned {locked.agency.name}'s {what} "
            "and says why on the request.",
            f"Please read the reasons, then upload the {what} again and send it by {locked.due_on:%-d %B %Y}.",
        ],
        f"review request {locked.pk} returned",
    )
    return locked


# --- Comments on the draft ---------------------------------------------------------------------------


@transaction.atomic
def add_comment(actor: Person, request: AgencyRequest, data: dict[str, Any]) -> AccuracyComment:
    locked = _locked(request)
    if not permissions.can_answer(actor, locked) or not locked.is_accuracy_check:
        raise PermissionDenied
    number = (locked.comments.aggregate(n=Max("number"))["n"] or 0) + 1
    comment = AccuracyComment(
        request=locked,
        number=number,
        location=data.get("location", "").strip(),
        comment=data.get("comment", "").strip(),
        suggested=data.get("suggested", "").strip(),
        author=actor,
    )
    comment.full_clean(exclude=["request", "author"])
    comment.save()
    record(Action.CREATE, person=actor, obj=comment, detail=f"on review request {locked.pk}")
    return comment


@transaction.atomic
def remove_comment(actor: Person, comment: AccuracyComment) -> None:
    """Before the comments are sent, the agency's lead may take one back."""
    locked = _locked(comment.request)
    if not permissions.can_answer(actor, locked):
        raise ValidationError("Comments can only be removed before they are sent")
    record(Action.DELETE, person=actor, obj=comment, detail=f"on review request {locked.pk}")
    AccuracyComment.objects.filter(pk=comment.pk).delete()


@transaction.atomic
def respond(actor: Person, comment: AccuracyComment, *, outcome: str, response: str) -> AccuracyComment:
    """The review team says whether the draft was amended; if not, why not."""
    request = _locked(comment.request)
    if not permissions.can_edit_content(actor, request.review):
        raise PermissionDenied
    if request.status != AgencyRequestStatus.SUBMITTED:
        raise ValidationError("Respond to comments once the agency has sent them")
    if outcome not in (CommentOutcome.AMENDED, CommentOutcome.NOT_AMENDED):
        raise ValidationError({"outcome": "Select whether the draft was amended"})
    if outcome == CommentOutcome.NOT_AMENDED and not response.strip():
        raise ValidationError({"response": "Give the reasons the draft was not amended"})
    locked = AccuracyComment.objects.select_for_update().get(pk=comment.pk)
    if locked.is_disputed:
        raise ValidationError("The agency has recorded a dispute about this response: it can no longer be changed")
    locked.outcome = outcome
    locked.response = response.strip()
    locked.responded_by = actor
    locked.responded_at = timezone.now()
    locked.save(update_fields=["outcome", "response", "responded_by", "responded_at"])
    record(Action.UPDATE, person=actor, obj=locked, detail=outcome)
    if outcome == CommentOutcome.NOT_AMENDED:
        _tell_leads(
            request,
            f"{_name(request.review)}: response to your comment {locked.number}",
            [
                f"The review team for {_name(request.review)} has not amended the draft report in response to "
                f"comment {locked.number} from {request.agency.name}, and has given its reasons.",
                "If your agency still disagrees, you can record a dispute: it stays on the review's record "
                "and is seen by the Board at sign-off.",
            ],
            f"comment {locked.pk} response",
        )
    return locked


@transaction.atomic
def record_dispute(actor: Person, comment: AccuracyComment, *, statement: str) -> AccuracyComment:
    """The agency keeps its position on a comment the review team did not accept: the dispute is recorded."""
    request = _locked(comment.request)
    if not (permissions.leads_agency_of(actor, request) or permissions.can_manage_reviews(actor)):
        raise PermissionDenied
    locked = AccuracyComment.objects.select_for_update().get(pk=comment.pk)
    if locked.outcome != CommentOutcome.NOT_AMENDED:
        raise ValidationError("A dispute can be recorded only when the review team has not amended the draft")
    if locked.is_disputed:
        raise ValidationError("A dispute has already been recorded for this comment")
    if not statement.strip():
        raise ValidationError({"statement": "Say what your agency's position is"})
    locked.dispute = statement.strip()
    locked.disputed_by = actor
    locked.disputed_at = timezone.now()
    locked.save(update_fields=["dispute", "disputed_by", "disputed_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="disputed")
    _tell_review_team(
        request.review,
        request,
        f"{_name(request.review)}: {request.agency.name} disputes comment {locked.number}",
        [
            f"{request.agency.name} has recorded a dispute about the response to its comment {locked.number} on "
            f"the draft report for review {_name(request.review)}.",
        ],
        f"comment {locked.pk} dispute",
    )
    return locked


def sign_off_checks(review: Review) -> list[Check]:
    """What the factual-accuracy round needs before the review goes to the Board, each met or not."""
    requests = AgencyRequest.objects.filter(review=review, kind=RequestKind.FACTUAL_ACCURACY)
    sent = requests.exclude(status=AgencyRequestStatus.WITHDRAWN).exists()
    waiting = requests.filter(status=AgencyRequestStatus.REQUESTED).count()
    open_comments = AccuracyComment.objects.filter(
        request__in=requests.filter(status=AgencyRequestStatus.SUBMITTED), outcome=CommentOutcome.OPEN
    ).count()
    return [
        Check(
            "The draft report sent to the agencies for their comments on its factual accuracy",
            sent,
            "the draft report sent to the agencies for their comments on its factual accuracy",
        ),
        Check(
            "Comments (or none) sent by every agency asked",
            sent and not waiting,
            f"comments from {waiting} agenc{'y' if waiting == 1 else 'ies'} still waited for" if waiting else "",
            f"{waiting} agenc{'y has' if waiting == 1 else 'ies have'} not sent theirs yet" if waiting else "",
        ),
        Check(
            "A response to every comment on the draft",
            not open_comments,
            f"a response to {open_comments} comment{'s' if open_comments != 1 else ''} on the draft",
            f"{open_comments} comment{'s' if open_comments != 1 else ''} still to respond to",
        ),
    ]


def missing_for_sign_off(review: Review) -> list[str]:
    """What the factual-accuracy round still needs before the review goes to the Board."""
    return [check.missing for check in sign_off_checks(review) if not check.met and check.missing]


def send_reminders(today: date | None = None) -> int:
    """Remind the leads of every overdue review request, at most once a day. Returns how many requests."""

    def remind(request: AgencyRequest) -> None:
        _tell_leads(
            request,
            f"Overdue: {request.kind_words} for review {_name(request.review)}",
            [
                f"The {request.kind_words} that review {_name(request.review)} asked "
                f"{request.agency.name} for was due on {request.due_on:%-d %B %Y} and has not been sent yet.",
            ],
            f"review request {request.pk} reminder",
        )
        record(Action.UPDATE, obj=request, detail=f"reminder {request.reminder_count + 1} sent")

    requests = AgencyRequest.objects.select_related("review", "agency")
    return asking.remind_overdue(requests, today or timezone.localdate(), remind)
