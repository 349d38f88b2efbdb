"""Your tasks: what is waiting for this person, drawn from each app's own rules.

Every list is built with the same permission checks as the pages it links to, so a task never shows
something the person could not open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from sarhub.partnership.roles import Role
from sarhub.referrals import permissions as referral_permissions
from sarhub.referrals.models import LetterStatus, OutcomeLetter, Referral, RequestStatus, ScopingRequest, Status
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import (
    AccuracyComment,
    AgencyRequest,
    AgencyRequestStatus,
    CommentOutcome,
    Review,
    Stage,
    StagePlan,
)

LIMIT = 50


@dataclass
class Task:
    title: str
    url: str
    detail: str = ""
    overdue: bool = False


@dataclass
class TaskGroup:
    heading: str
    tasks: list[Task] = field(default_factory=list)


def tasks_for(user: Any) -> list[TaskGroup]:
    groups: list[TaskGroup] = []
    today = timezone.localdate()

    leads = referral_permissions.agency_lead_agencies(user)
    if leads:
        waiting = (
            ScopingRequest.objects.filter(agency__in=leads, status=RequestStatus.REQUESTED)
            .select_related("referral", "agency")
            .order_by("due_on")[:LIMIT]
        )
        groups.append(
            TaskGroup(
                "Scoping summaries to send",
                [
                    Task(
                        f"{s.referral.reference}: {s.agency.name}",
                        reverse("referrals:request", args=[s.pk]),
                        f"Due {s.due_on:%-d %B %Y}",
                        s.due_on < today,
                    )
                    for s in waiting
                ],
            )
        )

    lead_agencies = review_permissions.lead_agency_ids(user)
    if lead_agencies:
        review_requests = (
            AgencyRequest.objects.filter(agency_id__in=lead_agencies, status=AgencyRequestStatus.REQUESTED)
            .select_related("review", "agency")
            .order_by("due_on")[:LIMIT]
        )
        groups.append(
            TaskGroup(
                "Review requests to answer",
                [
                    Task(
                        f"{r.review.reference} ({r.review.pseudonym}): {r.kind_label}",
                        reverse("reviews:request", args=[r.pk]),
                        f"{r.agency.name}, due {r.due_on:%-d %B %Y}",
                        r.due_on < today,
                    )
                    for r in review_requests
                ],
            )
        )
        to_dispute = (
            AccuracyComment.objects.filter(
                request__agency_id__in=lead_agencies,
                outcome=CommentOutcome.NOT_AMENDED,
                disputed_at__isnull=True,
                request__review__stage=Stage.FACTUAL_ACCURACY,
            )
            .select_related("request__review")
            .order_by("responded_at")[:LIMIT]
        )
        groups.append(
            TaskGroup(
                "Comments on draft reports the review team did not accept",
                [
                    Task(
                        f"{c.request.review.reference} ({c.request.review.pseudonym}): comment {c.number}",
                        reverse("reviews:request", args=[c.request_id]) + "#comments",
                        "Read the response; record a dispute if your agency still disagrees",
                    )
                    for c in to_dispute
                ],
            )
        )

    if referral_permissions.can_decide(user):
        awaiting = Referral.objects.filter(status=Status.AWAITING_DECISION).only("id", "reference", "received_at")
        groups.append(
            TaskGroup(
                "Referrals waiting for your decision",
                [
                    Task(r.reference, reverse("referrals:detail", args=[r.pk]), f"Referred {r.received_at:%-d %B %Y}")
                    for r in awaiting.order_by("received_at")[:LIMIT]
                ],
            )
        )

    if user.has_role(Role.SAR_SUBGROUP_MEMBER):
        to_recommend = Referral.objects.filter(
            status__in=[Status.SCREENING, Status.AWAITING_DECISION], recommendation__isnull=True
        ).only("id", "reference", "status")
        groups.append(
            TaskGroup(
                "Referrals needing the subgroup's recommendation",
                [
                    Task(r.reference, reverse("referrals:detail", args=[r.pk]), r.status_label)
                    for r in to_recommend.order_by("received_at")[:LIMIT]
                ],
            )
        )

    if referral_permissions.can_manage_referrals(user):
        new = Referral.objects.filter(status=Status.RECEIVED).only("id", "reference", "received_at")
        groups.append(
            TaskGroup(
                "New referrals to screen",
                [
                    Task(r.reference, reverse("referrals:detail", args=[r.pk]), f"Received {r.received_at:%-d %B %Y}")
                    for r in new.order_by("received_at")[:LIMIT]
                ],
            )
        )
        overdue = (
            ScopingRequest.objects.filter(status=RequestStatus.REQUESTED, due_on__lt=today)
            .select_related("referral", "agency")
            .order_by("due_on")[:LIMIT]
        )
        groups.append(
            TaskGroup(
                "Overdue scoping summaries",
                [
                    Task(
                        f"{s.referral.reference}: {s.agency.name}",
                        reverse("referrals:detail", args=[s.referral_id]),
                        f"Due {s.due_on:%-d %B %Y}",
                        True,
                    )
                    for s in overdue
                ],
            )
        )
        letters = OutcomeLetter.objects.filter(status=LetterStatus.DRAFT).select_related("referral")[:LIMIT]
        groups.append(
            TaskGroup(
                "Decision letters to send",
                [
                    Task(letter.referral.reference, reverse("referrals:letter", args=[letter.referral_id]))
                    for letter in letters
                ],
            )
        )

    review_ids = None if review_permissions.sees_all_reviews(user) else review_permissions.team_review_ids(user)
    if review_ids is None or review_ids:
        slipping = StagePlan.objects.filter(
            Q(actual_start__isnull=False, actual_end__isnull=True, planned_end__lt=today)
        ).exclude(review__stage=Stage.COMPLETE)
        if review_ids is not None:
            slipping = slipping.filter(review_id__in=review_ids)
        # Only the stage a review is at now can be running late.
        slipping = slipping.select_related("review").filter(stage=F("review__stage"))
        groups.append(
            TaskGroup(
                "Reviews running late",
                [
                    Task(
                        f"{p.review.reference}: {p.review.pseudonym}",
                        reverse("reviews:detail", args=[p.review_id]),
                        f"{p.get_stage_display()} was due to finish {p.planned_end:%-d %B %Y}",
                        True,
                    )
                    for p in slipping.order_by("planned_end")[:LIMIT]
                ],
            )
        )
        editing = None if review_permissions.can_manage_reviews(user) else user.review_ids_for(Role.LEAD_REVIEWER)
        if editing is None or editing:
            comments = AccuracyComment.objects.filter(
                outcome=CommentOutcome.OPEN, request__status=AgencyRequestStatus.SUBMITTED
            ).select_related("request__review", "request__agency")
            if editing is not None:
                comments = comments.filter(request__review_id__in=editing)
            groups.append(
                TaskGroup(
                    "Comments on draft reports to respond to",
                    [
                        Task(
                            f"{c.request.review.reference} ({c.request.review.pseudonym}): comment {c.number}",
                            reverse("reviews:comment-response", args=[c.request_id, c.pk]),
                            c.request.agency.name,
                        )
                        for c in comments.order_by("request__submitted_at", "number")[:LIMIT]
                    ],
                )
            )
            overdue_requests = (
                AgencyRequest.objects.filter(status=AgencyRequestStatus.REQUESTED, due_on__lt=today)
                .select_related("review", "agency")
                .order_by("due_on")
            )
            if editing is not None:
                overdue_requests = overdue_requests.filter(review_id__in=editing)
            groups.append(
                TaskGroup(
                    "Overdue requests to agencies",
                    [
                        Task(
                            f"{r.review.reference} ({r.review.pseudonym}): {r.kind_label}",
                            reverse("reviews:request", args=[r.pk]),
                            f"{r.agency.name}, due {r.due_on:%-d %B %Y}",
                            True,
                        )
                        for r in overdue_requests[:LIMIT]
                    ],
                )
            )
        if review_ids:
            mine = Review.objects.filter(pk__in=review_ids).exclude(stage=Stage.COMPLETE)
            groups.append(
                TaskGroup(
                    "Your reviews",
                    [
                        Task(f"{r.reference}: {r.pseudonym}", reverse("reviews:detail", args=[r.pk]), r.stage_label)
                        for r in mine.order_by("created_at")[:LIMIT]
                    ],
                )
            )
    return groups
