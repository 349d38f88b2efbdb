"""Proposing, checking and approving a review's publication.

- The business unit proposes: full report, executive summary only, not published (with a reason, and a
  dissemination plan), or embargoed (until a date or until a parallel process concludes).
- The de-identification gate scans every text that would become public and the file, and records what
  it finds; each hit must be cleared with a recorded reason before approval.
- The independent chair approves (after a fresh second factor, checked by the view); nobody approves
  their own proposal. Unpublishing is immediate.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.events.models import EventInvitation
from sarhub.partnership.models import Person
from sarhub.partnership.notify import tell
from sarhub.publication import gate, scanning
from sarhub.publication.findings import things
from sarhub.publication.models import DisseminationPlan, Form, PublicationProposal, Status, library_fields
from sarhub.publication.permissions import can_propose
from sarhub.referrals.models import Referral, Source
from sarhub.reviews.models import Review, Stage


def identifiers_for(review: Review) -> scanning.Identifiers:
    """Everything the confidential record says about the people a review is about, for the gate to look
    for. Four queries (the referrals, the people in the record, the learning-event invitees and the Board,
    which is usually cached), since it runs as public pages are built (public_progress).

    - From every referral: the adult (with the other names they were known by), both dates, the address,
      postcode and NHS number; the referrer too when they are a family member or member of the public.
    - The people in the record (sarhub.reviews.models.PersonInRecord): those around the adult with their
      known-as names, and the practitioners named in agencies' returns (role, agency). Anyone excluded
      with a reason goes into `excluded` instead, so their name is never flagged.
    - The practitioners invited to the review's learning events.
    - The Board's own published contacts (its concern line), which are never flagged.

    An excluded person's full name goes into `excluded` (not their known-as names: a short name there could
    hide someone else's)."""
    from sarhub.partnership.selectors import current_board
    from sarhub.reviews.models import PersonInRecord

    return _identifiers(
        review.referrals.order_by("received_at", "id"),
        PersonInRecord.objects.filter(review=review).select_related("agency").order_by("group", "full_name", "id"),
        EventInvitation.objects.filter(event__review=review).values_list("full_name", flat=True),
        _published_contacts(current_board()),
    )


def _published_contacts(board: Any) -> list[str]:
    return [contact for contact in (board.concern_phone,) if contact.strip()]


def _identifiers(
    referrals: Iterable[Referral], people: Iterable[Any], invitees: Iterable[str], contacts: list[str]
) -> scanning.Identifiers:
    """A review's identifiers from its rows (read by `identifiers_for`, or for every review at once by
    `all_identifiers`): referrals in the order received, the people in the record ordered by group and name,
    and the names of the practitioners invited to its learning events."""
    from sarhub.reviews.models import split_names

    found = scanning.Identifiers()
    Role, RecordPerson = scanning.Role, scanning.RecordPerson
    for referral in referrals:
        found.people.append(RecordPerson(referral.adult_name, split_names(referral.adult_aliases), Role.ADULT))
        if referral.source == Source.PUBLIC and referral.referrer_name.strip():
            found.people.append(RecordPerson(referral.referrer_name, [], Role.REFERRER, referral.referrer_relationship))
        found.date_of_birth = found.date_of_birth or referral.adult_date_of_birth
        found.date_of_death = found.date_of_death or referral.adult_date_of_death
        for value, one, more in (
            (referral.adult_address, "address", found.addresses),
            (referral.adult_postcode, "postcode", found.postcodes),
            (referral.adult_nhs_number, "nhs_number", found.nhs_numbers),
        ):
            if not value.strip():
                continue
            if not getattr(found, one):
                setattr(found, one, value)
            elif value != getattr(found, one) and value not in more:
                more.append(value)
    for person in people:
        if person.is_excluded:
            found.excluded.append(person.full_name)
        elif person.is_practitioner:
            found.people.append(RecordPerson(person.full_name, [], Role.PRACTITIONER, person.described))
        else:
            found.people.append(RecordPerson(person.full_name, person.known_as_names, Role.FAMILY, person.relationship))
    known = {p.name.casefold() for p in found.people if p.role == Role.PRACTITIONER}
    known |= {name.casefold() for name in found.excluded}
    for name in sorted(set(invitees)):
        if name.strip() and name.casefold() not in known:
            found.people.append(RecordPerson(name, [], Role.PRACTITIONER, "invited to a learning event"))
    found.published_contacts = list(contacts)
    return found


PSEUDONYM_LINE = "reference and pseudonym"  # where the public heading is, among the checked texts
ANOTHER_REVIEW = "another review"
ANOTHER_REFERRAL = "a referral with no review"
ELSEWHERE = "(another review or referral)"
# Kinds of hit that come from the record itself (not a pattern any text may match): from another record,
# they are marked as such for the business unit and the chair.
RECORD_KINDS = ("The address", "The postcode", "The NHS number", "The date of birth", "The date of death")


@dataclass
class Elsewhere:
    """The identifiers of every other review the Board holds and of every referral that has no review: one
    combined `Identifiers` (people lists concatenated, each person marked as being from another review or
    referral, never by its reference), and the adults' dates, checked as whole dates only (a month and year
    shared with some other adult would flag half the texts the Board writes)."""

    identifiers: scanning.Identifiers = field(default_factory=scanning.Identifiers)
    dates: list[tuple[date | None, date | None]] = field(default_factory=list)

    def scan(self, text: str, where: str) -> list[scanning.Hit]:
        """What another record identifies in `text`: its people (kind "The adult's name (another review)"),
        address, postcode and NHS number and the adults' whole dates. Pattern hits (any postcode, phone
        number...) are left to the item's own check, which finds them anyway."""
        if not text.strip():
            return []
        return self._marked(scanning.scan_text(text, self.identifiers, where)) + self._dated(text, where)

    def scan_file(self, data: bytes, kind: str) -> list[scanning.Hit]:
        return self._marked(scanning.scan_file(data, kind, self.identifiers))

    def _dated(self, text: str, where: str) -> list[scanning.Hit]:
        hits: list[scanning.Hit] = []
        for born, died in self.dates:
            only = scanning.Identifiers(date_of_birth=born, date_of_death=died)
            hits += [hit for hit in scanning.scan_text(text, only, where) if hit.kind in RECORD_KINDS]
        return self._marked(hits)

    @staticmethod
    def _marked(hits: list[scanning.Hit]) -> list[scanning.Hit]:
        kept = []
        for hit in hits:
            if ANOTHER_REVIEW in hit.kind or ANOTHER_REFERRAL in hit.kind:
                kept.append(hit)
            elif hit.kind in RECORD_KINDS:
                kept.append(dataclasses.replace(hit, kind=f"{hit.kind} {ELSEWHERE}"))
        return kept


def _add_referral(found: scanning.Identifiers, referral: Referral, whose: str) -> None:
    """A referral's adult, address, postcode and NHS number (and a family or public referrer), as
    `identifiers_for` reads them, each person marked `whose`."""
    from sarhub.reviews.models import split_names

    Role, RecordPerson = scanning.Role, scanning.RecordPerson
    found.people.append(RecordPerson(referral.adult_name, split_names(referral.adult_aliases), Role.ADULT, whose))
    if referral.source == Source.PUBLIC and referral.referrer_name.strip():
        detail = f"{referral.referrer_relationship}; {whose}" if referral.referrer_relationship else whose
        found.people.append(RecordPerson(referral.referrer_name, [], Role.REFERRER, detail))
    found.addresses += [referral.adult_address] if referral.adult_address.strip() else []
    found.postcodes += [referral.adult_postcode] if referral.adult_postcode.strip() else []
    found.nhs_numbers += [referral.adult_nhs_number] if referral.adult_nhs_number.strip() else []


def _every_other_review(besides: Iterable[Review]) -> Iterator[scanning.Identifiers]:
    """`identifiers_for` each review but those `besides`, in four queries however many reviews there are."""
    from django.db.models import Prefetch

    from sarhub.partnership.selectors import current_board
    from sarhub.reviews.models import PersonInRecord

    others = (
        Review.objects.exclude(pk__in=[review.pk for review in besides])
        .order_by("pk")
        .prefetch_related(Prefetch("referrals", queryset=Referral.objects.order_by("received_at", "id")))
    )
    people: dict[int, list[Any]] = {}
    for person in (
        PersonInRecord.objects.filter(review__in=others.values("pk"))
        .select_related("agency")
        .order_by("group", "full_name", "id")
    ):
        people.setdefault(person.review_id, []).append(person)
    invitees: dict[int, list[str]] = {}
    for review_id, name in EventInvitation.objects.filter(event__review__in=others.values("pk")).values_list(
        "event__review_id", "full_name"
    ):
        invitees.setdefault(review_id, []).append(name)
    contacts = _published_contacts(current_board())
    for review in others:
        yield _identifiers(review.referrals.all(), people.get(review.pk, []), invitees.get(review.pk, []), contacts)


def all_identifiers(besides: Iterable[Review], own: Iterable[scanning.Identifiers]) -> Elsewhere:
    """Everything the Board's confidential records say about people other than those of the reviews
    `besides` (whose own identifiers are `own`): every other review's (`identifiers_for`) and every
    referral's that has no review. A person already in `own` is left to the own check, and `own`'s
    excluded names stay excluded. The Board's published contacts are never flagged.

    Computed when a proposal is made, so it is always current and never cached. Read in five queries however
    many reviews there are (`_every_other_review`): at 200 reviews (seed_volume --scale 0.025) 80 ms, where
    reading each review alone took 599 queries and 948 ms. The matcher prepares the people once per check and indexes them by
    name part: on the development machine 9,920 people took 2.1 s to prepare, then 36 ms for each 600-word
    text (before the index, 1,600 people took 0.47 s for every text); date patterns are compiled once."""
    mine = list(own)
    known = {p.name.casefold() for ids in mine for p in ids.everyone()}
    combined = scanning.Identifiers(
        excluded=sorted({name for ids in mine for name in ids.excluded}),
        published_contacts=sorted({c for ids in mine for c in ids.published_contacts}),
    )
    dates: set[tuple[date | None, date | None]] = set()
    own_dates = {(ids.date_of_birth, ids.date_of_death) for ids in mine}
    for theirs in _every_other_review(besides):
        for person in theirs.everyone():
            detail = f"{person.detail}; {ANOTHER_REVIEW}" if person.detail else ANOTHER_REVIEW
            combined.people.append(scanning.RecordPerson(person.name, person.known_as, person.role, detail))
        combined.addresses += theirs.all_addresses()
        combined.postcodes += theirs.all_postcodes()
        combined.nhs_numbers += theirs.all_nhs_numbers()
        dates.add((theirs.date_of_birth, theirs.date_of_death))
        combined.published_contacts = sorted({*combined.published_contacts, *theirs.published_contacts})
    for referral in Referral.objects.filter(reviews__isnull=True).order_by("pk"):
        _add_referral(combined, referral, ANOTHER_REFERRAL)
        dates.add((referral.adult_date_of_birth, referral.adult_date_of_death))
    combined.people = [p for p in combined.people if p.name.casefold() not in known]
    own_places = {
        value for ids in mine for value in (*ids.all_addresses(), *ids.all_postcodes(), *ids.all_nhs_numbers())
    }
    combined.addresses = sorted(set(combined.addresses) - own_places)
    combined.postcodes = sorted(set(combined.postcodes) - own_places)
    combined.nhs_numbers = sorted(set(combined.nhs_numbers) - own_places)
    kept = sorted((d for d in dates - own_dates if d != (None, None)), key=str)
    return Elsewhere(combined, kept)


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


def hit_record(hit: scanning.Hit, *, in_file: bool = False) -> dict[str, Any]:
    """A hit as the proposal keeps it: its offsets in the checked text (or file part), and whether it is in
    the file, so the approval page can mark it in place and merge hits of the same words (findings.py)."""
    found: dict[str, Any] = {
        "key": hit.key,
        "kind": hit.kind,
        "found": hit.found,
        "where": hit.where,
        "context": hit.context,
        "start": hit.start,
        "end": hit.end,
    }
    if in_file:
        found["file"] = True
    return found


def scan(review: Review, summary: str, file: Any, texts: list[tuple[str, str]] | None = None) -> list[dict[str, Any]]:
    """What the check finds in every public text (`texts`, by default `public_texts`) and in the file: against
    the review's own record, and against every other review's and referral's (`all_identifiers`), whose hits
    say so in their kind ("The adult's name (another review)") without saying which."""
    identifiers = identifiers_for(review)
    elsewhere = all_identifiers([review], [identifiers])
    hits: list[scanning.Hit] = []
    for where, text in public_texts(review, summary) if texts is None else texts:
        hits += scanning.scan_text(text, identifiers, where)
        hits += elsewhere.scan(text, where)
    in_texts = len(hits)
    if file is not None:
        with file.file.open("rb") as handle:
            data = handle.read()
        try:
            hits += scanning.scan_file(data, file.kind, identifiers)
            hits += elsewhere.scan_file(data, file.kind)
        except scanning.ActiveContent as refusal:
            raise ValidationError({"file": f"{refusal}: it cannot be published"}) from None
        except (scanning.Unreadable, scanning.NotClean) as refusal:
            raise ValidationError({"file": str(refusal)}) from None
        except ValueError as refusal:
            raise ValidationError({"file": str(refusal)}) from None
    return [hit_record(h, in_file=i >= in_texts) for i, h in enumerate(hits)]


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
    PublicationProposal.objects.filter(review=review, status=Status.PROPOSED).update(status=Status.SUPERSEDED)
    proposal = PublicationProposal.objects.create(
        review=review,
        form=form,
        reason=(data.get("reason") or "").strip(),
        embargo_until=data.get("embargo_until") if form == Form.EMBARGOED else None,
        embargo_process=data.get("embargo_process") if form == Form.EMBARGOED else None,
        summary=summary,
        file=data.get("file") if public else None,
        proposed_by=actor,
        hits=hits,
        scanned=[{"where": where, "text": text} for where, text in texts],
        content=public_content(review, summary) if public else {},
    )
    if public:
        for name, value in library_fields(proposal.content).items():
            setattr(proposal, name, value)
        proposal.save(update_fields=list(library_fields(proposal.content)))
    if form == Form.NOT_PUBLISHED:
        DisseminationPlan.objects.update_or_create(
            review=review, defaults={"plan": data["dissemination_plan"].strip(), "agreed_by": actor}
        )
    record(Action.CREATE, person=actor, obj=proposal, detail=f"{form}; {len(proposal.findings)} gate findings")
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
    return gate.approve(actor, proposal, note=note, same_item={"review_id": proposal.review_id})


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
