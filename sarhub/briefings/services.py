"""Writing, publishing and cascading 7-minute briefings.

- `create` and `save_version`: every save is a new, numbered version; empty points are refused and a
  version must fit on one A4 page (it is rendered to find out).
- `propose` checks a version through the de-identification gate against the confidential identifiers of
  every review it covers; `approve`, `refuse`, `clear_hit` and `unpublish` are the shared two-person gate.
- `circulate` sends a version to every active partner agency's safeguarding lead (one email each, the
  PDF attached); leads `record_cascade` team by team; `send_reminders` chases agencies that have not
  responded by the date asked, at most once a day.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.briefings import render
from sarhub.briefings.models import (
    POINTS,
    QUESTIONS,
    WENT_WELL,
    AgencyCascade,
    Briefing,
    BriefingProposal,
    BriefingVersion,
    CascadeRecord,
    Circulation,
)
from sarhub.briefings.permissions import can_add_record, can_write_briefings
from sarhub.core.roles import Role
from sarhub.core.working_days import add_working_days, is_working_day
from sarhub.partnership.models import Agency, Person
from sarhub.partnership.notify import deliver, people_with, tell
from sarhub.publication import gate
from sarhub.publication.findings import things
from sarhub.publication.permissions import can_propose
from sarhub.reviews.models import Review

CASCADE_WORKING_DAYS = 30


def _require_writer(actor: Person) -> None:
    if not can_write_briefings(actor):
        raise PermissionDenied


def _check_reviews(reviews: list[Review], thematic: bool) -> None:
    if not reviews:
        raise ValidationError({"reviews": "Choose the review or reviews the briefing is about"})
    if thematic and len(reviews) < 2:
        raise ValidationError({"reviews": "A thematic briefing covers two or more reviews"})
    if not thematic and len(reviews) > 1:
        raise ValidationError({"reviews": "Choose one review, or make it a thematic briefing"})
    if any(review.signed_off_on is None for review in reviews):
        raise ValidationError({"reviews": "Choose reviews the Board has signed off"})


@transaction.atomic
def create(actor: Person, data: dict[str, Any]) -> Briefing:
    """A new briefing, with its first version."""
    _require_writer(actor)
    reviews = list(data.get("reviews") or [])
    thematic = bool(data.get("thematic"))
    _check_reviews(reviews, thematic)
    briefing = Briefing.objects.create(title=data["title"].strip(), thematic=thematic, created_by=actor)
    briefing.reviews.set(reviews)
    record(Action.CREATE, person=actor, obj=briefing, detail=f"{len(reviews)} review(s)")
    save_version(actor, briefing, data)
    return briefing


def _clean_points(data: dict[str, Any]) -> dict[str, str]:
    cleaned = {name: " ".join(str(data.get(name) or "").split()) for name, _, _ in POINTS}
    cleaned |= {name: " ".join(str(data.get(name) or "").split()) for name in [WENT_WELL[0], *QUESTIONS]}
    errors = {name: f"Write the point: {heading.lower()}" for name, heading, _ in POINTS if not cleaned[name]}
    if not cleaned["question_1"]:
        errors["question_1"] = "Write the first reflective question"
    if not cleaned["question_2"]:
        errors["question_2"] = "Write at least two reflective questions for teams"
    if not str(data.get("title") or "").strip():
        errors["title"] = "Give the briefing a title"
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_version(actor: Person, briefing: Briefing, data: dict[str, Any]) -> BriefingVersion:
    """Save the points as the briefing's next version. Refused if a point is empty or it would not fit on
    one A4 page."""
    _require_writer(actor)
    points = _clean_points(data)
    locked = Briefing.objects.select_for_update().get(pk=briefing.pk)
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = BriefingVersion(
        briefing=locked, number=number, title=str(data["title"]).strip(), created_by=actor, **points
    )
    if render.page_count(version) > 1:
        raise ValidationError(
            "The briefing does not fit on one A4 page. Shorten the points: a team should be able to read it "
            "and talk it through in seven minutes."
        )
    version.save()
    if locked.title != version.title:
        Briefing.objects.filter(pk=locked.pk).update(title=version.title)
    record(Action.CREATE, person=actor, obj=version, detail=f"briefing {locked.pk} version {number}")
    return version


def latest_version(briefing: Briefing) -> BriefingVersion | None:
    return briefing.versions.order_by("-number").first()


# --- Publication through the de-identification gate and two-person approval -----------------------


def _texts(version: BriefingVersion) -> list[tuple[str, str]]:
    """Every text of the version that goes public: on the briefing's public page, its PDF sheet and its Word
    file (the title, the seven points and "What went well" when written, the questions), and the heading
    line of each review it draws on ("SAR-2026-001: Adult Q"), which the public page names once that
    review is published."""
    texts = [("title", version.title)]
    texts += [(heading.lower(), text) for heading, text in version.points]
    texts += [(f"question {i}", q) for i, q in enumerate(version.questions, start=1)]
    texts += [
        (f"review {review.reference}", f"{review.reference}: {review.pseudonym}")
        for review in version.briefing.reviews.order_by("reference")
    ]
    return [(where, text) for where, text in texts if text.strip()]


def scan(version: BriefingVersion, texts: list[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """What the check finds in the version's public texts, against the record of every review it covers
    (a hit found through two reviews' records is kept once), and against every other review's and
    referral's record the Board holds (`gate.scan_reviews`: a briefing about one review may not name the
    adults of others; those hits say "another review", never which)."""
    return gate.scan_reviews(list(version.briefing.reviews.all()), _texts(version) if texts is None else texts)


@transaction.atomic
def propose(actor: Person, version: BriefingVersion) -> BriefingProposal:
    if not can_propose(actor):
        raise PermissionDenied
    texts = _texts(version)
    proposal = gate.propose(
        actor,
        BriefingProposal,
        version.briefing,
        texts=texts,
        hits=scan(version, texts),
        detail=f"version {version.number}",
        version=version,
    )
    _ask_chairs(actor, proposal)
    return proposal


def _ask_chairs(actor: Person, proposal: BriefingProposal) -> None:
    """Email each independent chair (but the proposer) that a briefing waits for their decision, naming
    the reviews it draws on by reference and pseudonym only (never its text), with a link to its page."""
    reviews = ", ".join(f"{r.reference} ({r.pseudonym})" for r in proposal.briefing.reviews.order_by("reference"))
    found = len(proposal.findings)
    check = (
        f"The de-identification check found {things(found)} that could identify someone. "
        "The business unit clears each with a reason before it can be approved."
        if found
        else "The de-identification check found nothing that could identify anyone."
    )
    tell(
        gate.approvers_to_ask(actor),
        subject=f"7-minute briefing to approve for publication: {reviews}",
        lines=[
            f"The business unit proposes version {proposal.version.number} of a 7-minute briefing for the "
            f"public learning library. It draws on {reviews}.",
            check,
            "Please approve it or say why not. You will be asked for a security code.",
        ],
        path=reverse("briefings:detail", args=[proposal.briefing_id]),
        purpose=f"briefing proposal {proposal.pk}",
    )


def approve(actor: Person, proposal: BriefingProposal, *, note: str = "") -> BriefingProposal:
    return gate.approve(actor, proposal, note=note)


def refuse(actor: Person, proposal: BriefingProposal, *, note: str) -> BriefingProposal:
    return gate.refuse(actor, proposal, note=note)


def clear_hit(actor: Person, proposal: BriefingProposal, key: str, reason: str) -> BriefingProposal:
    return gate.clear_hit(actor, proposal, key, reason)


def unpublish(actor: Person, proposal: BriefingProposal) -> BriefingProposal:
    return gate.unpublish(actor, proposal)


# --- Dissemination --------------------------------------------------------------------------------


def _leads(agency_id: int) -> list[str]:
    return people_with(Role.AGENCY_SAFEGUARDING_LEAD, agency_id=agency_id)


@transaction.atomic
def circulate(actor: Person, version: BriefingVersion, *, message: str = "", today: date | None = None) -> Circulation:
    """Send the version to every active agency's safeguarding lead: one email each, with the PDF."""
    _require_writer(actor)
    today = today or timezone.localdate()
    agencies = list(Agency.objects.filter(is_active=True).order_by("name"))
    if not agencies:
        raise ValidationError("There are no partner agencies to send it to")
    circulation = Circulation.objects.create(
        version=version,
        briefing_id=version.briefing_id,
        message=message.strip(),
        sent_by=actor,
        due_on=add_working_days(today, CASCADE_WORKING_DAYS),
    )
    AgencyCascade.objects.bulk_create([AgencyCascade(circulation=circulation, agency=a) for a in agencies])
    record(Action.CREATE, person=actor, obj=circulation, detail=f"sent to {len(agencies)} agencies")
    pdf = render.as_pdf(version)
    cascades = list(circulation.agencies.select_related("agency"))
    recipients = {cascade.pk: _leads(cascade.agency_id) for cascade in cascades}

    def send() -> None:
        for cascade in cascades:
            for email in recipients[cascade.pk]:
                _send(cascade, email, pdf, reminder=False)

    transaction.on_commit(send)
    return circulation


def _send(cascade: AgencyCascade, email: str, pdf: bytes, *, reminder: bool) -> None:
    circulation = cascade.circulation
    version = circulation.version
    path = reverse("briefings:cascade", args=[cascade.pk])
    lines = [
        f"{'Reminder: ' if reminder else ''}the Board asks {cascade.agency.name} to share the 7-minute briefing "
        f'"{version.title}" with your teams by {circulation.due_on:%-d %B %Y}.',
        "The briefing is attached. Talk it through with each team, using its questions, then record in SAR "
        "Hub which teams you briefed, when, how many staff it reached, and what each team discussed and will "
        "change.",
    ]
    if circulation.message and not reminder:
        lines.append(circulation.message)
    lines.append(f"Record your agency's cascade in SAR Hub (you will need to sign in):\n{settings.SITE_URL}{path}")
    deliver(
        subject=f"{'Reminder: ' if reminder else ''}7-minute briefing to share: {version.title}",
        body="\n\n".join(lines),
        to=email,
        purpose=f"briefing cascade {cascade.pk}",
        group=cascade.agency_id,
        attachments=[(f"{render.file_stem(version)}.pdf", pdf, "application/pdf")],
    )


def _check_record(data: dict[str, Any], circulation: Circulation, today: date) -> None:
    errors: dict[str, str] = {}
    if not str(data.get("team") or "").strip():
        errors["team"] = "Enter the team you briefed"
    briefed_on = data.get("briefed_on")
    if briefed_on is None:
        errors["briefed_on"] = "Enter the date the team was briefed"
    elif briefed_on > today:
        errors["briefed_on"] = "The date the team was briefed must be today or in the past"
    elif briefed_on < timezone.localdate(circulation.sent_at):
        errors["briefed_on"] = "The date the team was briefed must be on or after the date the briefing was sent"
    staff = data.get("staff_reached")
    if staff is None or staff < 1:
        errors["staff_reached"] = "Enter how many staff it reached, as a whole number of 1 or more"
    for name, message in (
        ("discussed", "Say what the team discussed"),
        ("will_change", "Say what the team will change, or that it will change nothing and why"),
    ):
        if not str(data.get(name) or "").strip():
            errors[name] = message
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_cascade(actor: Person, cascade: AgencyCascade, data: dict[str, Any]) -> CascadeRecord:
    if not can_add_record(actor, cascade):
        raise PermissionDenied
    _check_record(data, cascade.circulation, timezone.localdate())
    entry = CascadeRecord.objects.create(
        cascade=cascade,
        team=data["team"].strip(),
        briefed_on=data["briefed_on"],
        staff_reached=data["staff_reached"],
        discussed=data["discussed"].strip(),
        will_change=data["will_change"].strip(),
        recorded_by=actor,
    )
    record(Action.CREATE, person=actor, obj=entry, detail=f"cascade {cascade.pk}: {entry.staff_reached} staff")
    return entry


@transaction.atomic
def remove_record(actor: Person, cascade: AgencyCascade, record_id: Any) -> str:
    """Remove one of the agency's recorded teams; returns the team's name."""
    if not can_add_record(actor, cascade):
        raise PermissionDenied
    try:
        entry = CascadeRecord.objects.get(pk=int(record_id), cascade=cascade)
    except (CascadeRecord.DoesNotExist, TypeError, ValueError, OverflowError):
        raise ValidationError("Choose a team from your agency's list") from None
    record(Action.DELETE, person=actor, obj=entry, detail=f"cascade {cascade.pk}: {entry.team}")
    entry.delete()
    return entry.team


def reach(circulation: Circulation) -> list[dict[str, Any]]:
    """Per agency: teams briefed, staff reached, the latest date, and whether it has responded."""
    from django.db.models import Count, Sum

    rows = (
        circulation.agencies.select_related("agency")
        .annotate(teams=Count("records"), staff=Sum("records__staff_reached"), latest=Max("records__briefed_on"))
        .order_by("agency__name")
    )
    return [
        {
            "cascade": row,
            "agency": row.agency,
            "teams": row.teams,
            "staff": row.staff or 0,
            "latest": row.latest,
            "responded": row.teams > 0,
            "reminders": row.reminder_count,
        }
        for row in rows
    ]


def _waiting(today: date) -> QuerySet[AgencyCascade]:
    return AgencyCascade.objects.filter(records__isnull=True, circulation__due_on__lt=today).exclude(
        last_reminded_on=today
    )


def remind(cascade: AgencyCascade, today: date) -> bool:
    """Remind one agency's leads, once a day at most. False if it was already reminded today or has responded."""
    with transaction.atomic():
        claimed = (
            AgencyCascade.objects.filter(pk=cascade.pk, records__isnull=True)
            .exclude(last_reminded_on=today)
            .update(last_reminded_on=today, reminder_count=cascade.reminder_count + 1)
        )
        if not claimed:
            return False
        full = AgencyCascade.objects.select_related("agency", "circulation__version").get(pk=cascade.pk)
        pdf = render.as_pdf(full.circulation.version)
        emails = _leads(full.agency_id)

        def send() -> None:
            for email in emails:
                _send(full, email, pdf, reminder=True)

        transaction.on_commit(send)
        record(Action.UPDATE, obj=full, detail=f"cascade reminder {full.reminder_count}")
    return True


def remind_now(actor: Person, circulation: Circulation) -> list[AgencyCascade]:
    """The business unit reminds every agency that has not responded yet (each at most once a day).
    Returns the agencies' cascades reminded (their leads are emailed; an agency with none reaches no one)."""
    _require_writer(actor)
    today = timezone.localdate()
    waiting = circulation.agencies.filter(records__isnull=True).exclude(last_reminded_on=today).select_related("agency")
    return [cascade for cascade in waiting if remind(cascade, today)]


def send_reminders(today: date | None = None) -> int:
    """Daily: remind agencies that have not recorded any cascade by the date asked. Returns how many."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return 0
    return sum(remind(cascade, today) for cascade in _waiting(today).distinct())
