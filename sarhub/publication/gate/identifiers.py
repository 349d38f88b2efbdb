"""Everything the Board's confidential records say about people, for the de-identification check to look
for: one review's own record (`identifiers_for`), and every other review's and unlinked referral's
(`all_identifiers`, whose hits say "another review" or "a referral with no review", never which)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sarhub.events.models import EventInvitation
from sarhub.publication.gate import scanning
from sarhub.referrals.models import Referral, Source
from sarhub.reviews.models import Review


def identifiers_for(review: Review) -> scanning.Identifiers:
    """Everything the confidential record says about the people a review is about, for the gate to look
    for. Four queries (the referrals, the people in the record, the learning-event invitees and the Board,
    which is usually cached), since it runs for every proposal and for each review a briefing draws on.

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
