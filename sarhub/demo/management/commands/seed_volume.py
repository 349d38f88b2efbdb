"""Fill a development database with large, fictional volumes for the benchmark (bench/run.py).

Everything is generated: "Person 00001" at volume.invalid, "Volume agency 001 (fictional)",
"Volume Adult 00001" for a referral's adult, "Adult V00001" for a review's pseudonym, and so on.
After the partnership it makes referrals (with scoping requests, recommendations, decisions and
letters: sarhub/demo/volume/referrals.py) and reviews (with stage plans, team, findings, recommendations,
Quality Markers, parallel processes and involvement: sarhub/demo/volume/reviews.py), then publication
histories (sarhub/demo/volume/publication.py) and the action plan (sarhub/demo/volume/actions.py).
Rows are written with bulk_create in one transaction. The random choices are seeded, so two runs
with the same options build the same data; times are relative to when the command runs, so
that pending invitations are still pending. Only DEBUG installations may be filled like this.
"""

from __future__ import annotations

import hashlib
import os
import random
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from sarhub.audit.models import Action, AuditEvent, Outcome
from sarhub.core.roles import Role
from sarhub.demo.volume.actions import make_actions
from sarhub.demo.volume.publication import make_publications
from sarhub.demo.volume.referrals import Staff, make_referrals
from sarhub.demo.volume.reviews import (
    FINDINGS_PER_REVIEW,
    RECOMMENDATIONS_PER_REVIEW,
    decisions_needed,
    make_reviews,
    plan_reviews,
)
from sarhub.partnership.models import Agency, AgencyType, Board, Invitation, Membership, Person

DOMAIN = "volume.invalid"
AGENCY_SUFFIX = "(fictional volume agency)"
BATCH = 5_000
DEFAULTS = {"agencies": 60, "people": 20_000, "events": 200_000, "referrals": 12_000, "reviews": 8_000}
MEMBERSHIPS_PER_PERSON = 1.5
INVITATIONS_PER_PERSON = 0.25

T = TypeVar("T")

# Board-wide roles are held by a handful of people, whatever the volume.
BOARD_ROLE_HOLDERS: list[tuple[Role, int]] = [
    (Role.BUSINESS_UNIT_MANAGER, 3),
    (Role.BUSINESS_UNIT_COORDINATOR, 6),
    (Role.INDEPENDENT_CHAIR, 1),
    (Role.INDEPENDENT_REVIEWER, 8),
    (Role.SYSTEM_ADMINISTRATOR, 2),
]
# Everyone else holds agency roles in these proportions.
AGENCY_ROLE_WEIGHTS: list[tuple[Role, int]] = [
    (Role.PRACTITIONER, 60),
    (Role.LINE_MANAGER, 16),
    (Role.AGENCY_SAFEGUARDING_LEAD, 6),
    (Role.SAR_SUBGROUP_MEMBER, 6),
    (Role.BOARD_MEMBER, 6),
]
OPTIONAL_AGENCY_ROLES = {Role.SAR_SUBGROUP_MEMBER, Role.BOARD_MEMBER}
AGENCY_TYPES = list(AgencyType)

# (action, weight, object type, outcome)
EVENT_KINDS: list[tuple[Action, int, str, Outcome]] = [
    (Action.VIEW, 380, "partnership.person", Outcome.SUCCESS),
    (Action.VIEW, 60, "partnership.agency", Outcome.SUCCESS),
    (Action.SIGN_IN, 150, "partnership.person", Outcome.SUCCESS),
    (Action.SECOND_FACTOR, 140, "partnership.person", Outcome.SUCCESS),
    (Action.SIGN_OUT, 80, "partnership.person", Outcome.SUCCESS),
    (Action.UPDATE, 50, "partnership.person", Outcome.SUCCESS),
    (Action.UPDATE, 10, "partnership.agency", Outcome.SUCCESS),
    (Action.CREATE, 30, "partnership.membership", Outcome.SUCCESS),
    (Action.STATE_CHANGE, 20, "partnership.membership", Outcome.SUCCESS),
    (Action.CREATE, 15, "partnership.invitation", Outcome.SUCCESS),
    (Action.SIGN_IN_FAILED, 25, "partnership.person", Outcome.FAILURE),
    (Action.SECOND_FACTOR_FAILED, 8, "partnership.person", Outcome.FAILURE),
    (Action.SESSION_ENDED, 15, "partnership.person", Outcome.SUCCESS),
    (Action.DOWNLOAD, 8, "documents.document", Outcome.SUCCESS),
    (Action.EXPORT, 2, "audit.auditevent", Outcome.SUCCESS),
    (Action.ACCESS_DENIED, 5, "route", Outcome.DENIED),
    (Action.PASSWORD_CHANGE, 2, "partnership.person", Outcome.SUCCESS),
]


@dataclass
class Plan:
    agencies: int
    people: int
    memberships: int
    invitations: int
    events: int
    seed: int
    referrals: int = 0
    reviews: int = 0

    @classmethod
    def from_options(cls, options: dict[str, Any]) -> Plan:
        scale = options["scale"]
        if scale <= 0:
            raise CommandError("--scale must be greater than 0")
        people = options["people"]
        memberships = options["memberships"]
        invitations = options["invitations"]
        if memberships is None:
            memberships = round(people * MEMBERSHIPS_PER_PERSON)
        if invitations is None:
            invitations = round(people * INVITATIONS_PER_PERSON)

        def scaled(n: int, floor: int = 0) -> int:
            return max(floor, round(n * scale))

        def scaled_unless_none(n: int, floor: int) -> int:
            if n < 0:
                raise CommandError("Volumes cannot be negative")
            return scaled(n, floor) if n > 0 else 0

        plan = cls(
            agencies=scaled(options["agencies"], 5),
            people=scaled(people, 30),
            memberships=scaled(memberships),
            invitations=scaled(invitations),
            events=scaled(options["events"]),
            seed=options["seed"],
            # At least enough of each that every status, route and stage appears (0 means none).
            referrals=scaled_unless_none(options.get("referrals", DEFAULTS["referrals"]), 40),
            reviews=scaled_unless_none(options.get("reviews", DEFAULTS["reviews"]), 10),
        )
        if plan.memberships < plan.people:
            raise CommandError("There must be at least as many memberships as people (everyone has a role)")
        return plan


@dataclass
class Generated:
    agencies: list[Agency] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    active_ids: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    roles_of: dict[int, set[str]] = field(default_factory=dict)
    agencies_of: dict[int, set[str]] = field(default_factory=dict)


class Command(BaseCommand):
    verbosity = 1
    help = (
        "Fill a DEBUG database with large fictional volumes: people, roles, invitations, audit events, "
        "referrals (with scoping requests, recommendations, decisions and letters) and reviews (with stage "
        f"plans, team, about {FINDINGS_PER_REVIEW} findings and {RECOMMENDATIONS_PER_REVIEW} recommendations "
        "a review, Quality Markers, parallel processes and involvement)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=DEFAULTS["people"], help="People (default 20,000)")
        parser.add_argument("--events", type=int, default=DEFAULTS["events"], help="Audit events (default 200,000)")
        parser.add_argument("--agencies", type=int, default=DEFAULTS["agencies"], help="Agencies (default 60)")
        parser.add_argument("--memberships", type=int, default=None, help="Roles held (default 1.5 per person)")
        parser.add_argument("--invitations", type=int, default=None, help="Invitations (default 1 per 4 people)")
        parser.add_argument(
            "--referrals",
            type=int,
            default=DEFAULTS["referrals"],
            help="Referrals (default 12,000; at least 40 once scaled; 0 for none). Every review needs one "
            "decided referral (a thematic review two to four), so there must be more referrals than that",
        )
        parser.add_argument(
            "--reviews",
            type=int,
            default=DEFAULTS["reviews"],
            help=f"Reviews (default 8,000; at least 10 once scaled; 0 for none), with about {FINDINGS_PER_REVIEW} "
            f"findings and {RECOMMENDATIONS_PER_REVIEW} recommendations each; the first is the largest "
            "(60 findings, 25 recommendations)",
        )
        parser.add_argument("--scale", type=float, default=1.0, help="Multiply every volume by this (default 1)")
        parser.add_argument("--seed", type=int, default=20260327, help="Random seed (default 20260327)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "seed_volume only runs with SARHUB_DEBUG=true: it fills the database with fictional volume data. "
                "Point SARHUB_SQLITE_PATH at a separate file, for example var/bench.sqlite3."
            )
        plan = Plan.from_options(options)
        self.verbosity = options["verbosity"]
        if Person.objects.filter(email__endswith=f"@{DOMAIN}").exists():
            raise CommandError(
                f"This database already holds volume data (people at {DOMAIN}). "
                "Use a fresh database file (bench/run.py --reseed starts again)."
            )
        started = timezone.now()
        with transaction.atomic():
            counts = fill(plan, started, self._progress)
            # bulk_create sends no signals: tell the caches of similar findings and suggestions.
            from sarhub.insight import corpus

            corpus.bump()
        seconds = (timezone.now() - started).total_seconds()
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Volume data created in {seconds:.1f}s: {summary}."))

    def _progress(self, message: str) -> None:
        if self.verbosity >= 2:
            self.stdout.write(message)


def fill(plan: Plan, now: datetime, progress: Any = None) -> dict[str, int]:
    rng = random.Random(plan.seed)
    # Referrals and reviews draw from their own stream, so adding them left the partnership unchanged.
    casework_rng = random.Random(f"{plan.seed}:casework")
    say = progress or (lambda message: None)
    # Planned first (Python only) so that too few referrals for the reviews is refused before any work.
    specs = plan_reviews(plan.reviews, rng=casework_rng, now=now)
    for_reviews = decisions_needed(specs)
    if len(for_reviews) > plan.referrals:
        raise CommandError(
            f"{plan.reviews:,} reviews need {len(for_reviews):,} decided referrals (a thematic review covers "
            f"several adults), but only {plan.referrals:,} referrals were asked for: raise --referrals."
        )
    ensure_board()
    data = Generated()
    data.agencies = make_agencies(plan)
    say(f"{len(data.agencies)} agencies")
    make_people(plan, rng, now, data)
    say(f"{len(data.person_ids)} people")
    memberships = make_memberships(plan, rng, now, data)
    say(f"{memberships} memberships")
    invitations = make_invitations(plan, rng, now, data)
    say(f"{invitations} invitations")
    events = make_events(plan, rng, now, data)
    say(f"{events} audit events")
    counts = {
        "agencies": len(data.agencies),
        "people": len(data.person_ids),
        "memberships": memberships,
        "invitations": invitations,
        "audit events": events,
    }
    if plan.referrals:
        staff = Staff.from_roles(data.roles_of, data.active_ids)
        made = make_referrals(
            plan.referrals,
            rng=casework_rng,
            now=now,
            staff=staff,
            agencies=data.agencies,
            for_reviews=for_reviews,
            busiest=0 if for_reviews else None,
        )
        say(", ".join(f"{n} {name}" for name, n in made.counts.items()))
        counts.update(made.counts)
        if specs:
            made_reviews = make_reviews(
                specs, made.for_reviews, rng=casework_rng, now=now, staff=staff, agencies=data.agencies
            )
            say(", ".join(f"{n} {name}" for name, n in made_reviews.items()))
            counts.update(made_reviews)
            published = make_publications(rng=casework_rng, now=now, staff=staff)
            say(", ".join(f"{n} {name}" for name, n in published.items()))
            counts.update(published)
            planned = make_actions(rng=casework_rng, now=now, staff=staff)
            say(", ".join(f"{n} {name}" for name, n in planned.items()))
            counts.update(planned)
    return counts


def ensure_board() -> Board:
    board = Board.objects.order_by("pk").first()
    if board is None:
        board = Board.objects.create(
            name=settings.SARHUB_BOARD_DEFAULT_NAME,
            short_name="SAB",
            concern_phone="01632 960000",
            website="https://example.invalid",
            purpose="A fictional Board holding generated volume data for performance testing.",
        )
    return board


def chunks(items: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def make_agencies(plan: Plan) -> list[Agency]:
    agencies = [
        Agency(
            name=f"Volume agency {i:03d} {AGENCY_SUFFIX}",
            short_name=f"VA{i:03d}",
            agency_type=AGENCY_TYPES[(i - 1) % len(AGENCY_TYPES)],
            is_active=i % 20 != 0,
        )
        for i in range(1, plan.agencies + 1)
    ]
    Agency.objects.bulk_create(agencies, batch_size=BATCH)
    # SQLite and PostgreSQL both return primary keys from bulk_create; read back to be sure.
    return list(Agency.objects.filter(name__endswith=AGENCY_SUFFIX).order_by("pk"))


def make_people(plan: Plan, rng: random.Random, now: datetime, data: Generated) -> None:
    width = max(5, len(str(plan.people)))
    for batch in chunks(range(1, plan.people + 1)):
        rows = []
        for n in batch:
            joined = now - timedelta(days=rng.uniform(1, 3 * 365))
            deactivated = rng.random() < 0.04
            rows.append(
                Person(
                    email=f"person{n:0{width}d}@{DOMAIN}",
                    full_name=f"Person {n:0{width}d}",
                    job_title=rng.choice(["Social worker", "Nurse", "Team manager", "Officer", "Support worker", ""]),
                    # An unusable password: volume people cannot sign in.
                    password="!" + "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=40)),
                    is_active=not deactivated,
                    date_joined=joined,
                    deactivated_at=(joined + (now - joined) * rng.random()) if deactivated else None,
                    last_login=(now - timedelta(hours=rng.uniform(1, 24 * 120))) if rng.random() < 0.7 else None,
                )
            )
        Person.objects.bulk_create(rows, batch_size=BATCH)
    pairs = list(Person.objects.filter(email__endswith=f"@{DOMAIN}").order_by("pk").values_list("pk", "is_active"))
    data.person_ids = [pk for pk, _ in pairs]
    data.active_ids = [pk for pk, active in pairs if active]


def make_memberships(plan: Plan, rng: random.Random, now: datetime, data: Generated) -> int:
    agencies = data.agencies
    # A few large agencies (the council, the acute trust) and a long tail of small ones.
    agency_weights = [1 / (rank + 1) ** 0.9 for rank in range(len(agencies))]
    agency_roles = [role for role, _ in AGENCY_ROLE_WEIGHTS]
    agency_role_weights = [weight for _, weight in AGENCY_ROLE_WEIGHTS]
    held: set[tuple[int, str, int | None]] = set()
    rows: list[Membership] = []

    def add(person_id: int, role: Role, agency: Agency | None, ended: bool) -> bool:
        key = (person_id, role.value, agency.pk if agency else None)
        if not ended:
            if key in held:
                return False
            held.add(key)
            data.roles_of.setdefault(person_id, set()).add(role.value)
            if agency is not None:
                data.agencies_of.setdefault(person_id, set()).add(agency.name)
        granted = now - timedelta(days=rng.uniform(1, 3 * 365))
        rows.append(
            Membership(
                person_id=person_id,
                role=role,
                agency=agency,
                granted_at=granted,
                ended_at=(granted + (now - granted) * rng.random()) if ended else None,
            )
        )
        return True

    def agency_role() -> tuple[Role, Agency | None]:
        role = rng.choices(agency_roles, agency_role_weights)[0]
        agency: Agency | None = rng.choices(agencies, agency_weights)[0]
        if role in OPTIONAL_AGENCY_ROLES and rng.random() < 0.3:
            agency = None
        return role, agency

    # Everyone holds one role: the first few people hold the Board-wide roles.
    board_roles = [role for role, count in BOARD_ROLE_HOLDERS for _ in range(count)]
    for index, person_id in enumerate(data.person_ids):
        if index < len(board_roles):
            add(person_id, board_roles[index], None, ended=False)
            if board_roles[index] in (Role.BUSINESS_UNIT_MANAGER, Role.BUSINESS_UNIT_COORDINATOR):
                data.managers.append(person_id)
        else:
            role, agency = agency_role()
            add(person_id, role, agency, ended=False)
    # The rest are second roles, some of them ended (history is kept).
    while len(rows) < plan.memberships:
        role, agency = agency_role()
        add(rng.choice(data.person_ids), role, agency, ended=rng.random() < 0.2)
    for batch in chunks(rows):
        Membership.objects.bulk_create(batch, batch_size=BATCH)
    return len(rows)


def make_invitations(plan: Plan, rng: random.Random, now: datetime, data: Generated) -> int:
    valid_for = settings.INVITATION_VALID_FOR
    creators = data.managers or data.person_ids[:1]
    agency_roles = [role for role, _ in AGENCY_ROLE_WEIGHTS]
    rows: list[Invitation] = []
    width = max(5, len(str(plan.invitations)))
    for n in range(1, plan.invitations + 1):
        state = rng.choices(["pending", "expired", "accepted", "withdrawn"], [25, 30, 35, 10])[0]
        if state == "pending":
            created = now - timedelta(hours=rng.uniform(0.1, valid_for.total_seconds() / 3600 - 0.5))
        else:
            created = now - valid_for - timedelta(days=rng.uniform(0.1, 365))
        roles = sorted({rng.choice(agency_roles).value for _ in range(rng.choice([1, 1, 1, 2]))})
        # Only the hash of a token is stored; these tokens were never sent to anyone and are unknowable.
        token_hash = hashlib.sha256(os.urandom(32)).hexdigest()
        invitation = Invitation(
            email=f"invitee{n:0{width}d}@{DOMAIN}",
            full_name=f"Invitee {n:0{width}d}",
            job_title=rng.choice(["Social worker", "Nurse", "Officer", ""]),
            agency=rng.choice(data.agencies),
            roles=roles,
            token_hash=token_hash,
            created_by_id=rng.choice(creators),
            created_at=created,
            expires_at=created + valid_for,
        )
        if state == "accepted":
            invitation.accepted_at = created + timedelta(hours=rng.uniform(0.1, 48))
            invitation.accepted_by_id = rng.choice(data.person_ids)
        elif state == "withdrawn":
            invitation.revoked_at = created + timedelta(hours=rng.uniform(0.1, 48))
            invitation.revoked_by_id = rng.choice(creators)
        rows.append(invitation)
    for batch in chunks(rows):
        Invitation.objects.bulk_create(batch, batch_size=BATCH)
    return len(rows)


def make_events(plan: Plan, rng: random.Random, now: datetime, data: Generated) -> int:
    if plan.events == 0:
        return 0
    kinds = [(action, object_type, outcome) for action, _, object_type, outcome in EVENT_KINDS]
    weights = [weight for _, weight, _, _ in EVENT_KINDS]
    # A working population of frequent users does most of the work; anyone may appear.
    regulars = rng.sample(data.active_ids, min(len(data.active_ids), max(50, len(data.active_ids) // 10)))
    snapshot: dict[int, tuple[str, str]] = {}

    def snapshot_of(person_id: int) -> tuple[str, str]:
        if person_id not in snapshot:
            roles = ",".join(sorted(data.roles_of.get(person_id, set())))[:300]
            agency = "; ".join(sorted(data.agencies_of.get(person_id, set())))[:400]
            snapshot[person_id] = (roles, agency)
        return snapshot[person_id]

    # Oldest first over the past year, so ids rise with time as they do in a real log.
    span = timedelta(days=365).total_seconds()
    offsets = sorted((rng.random() * span for _ in range(plan.events)), reverse=True)
    created = 0
    for batch in chunks(offsets):
        rows = []
        for offset in batch:
            action, object_type, outcome = rng.choices(kinds, weights)[0]
            person_id: int | None = rng.choice(regulars) if rng.random() < 0.85 else rng.choice(data.person_ids)
            if action is Action.SIGN_IN_FAILED and rng.random() < 0.3:
                person_id = None  # an address that matched no account
            roles, agency = snapshot_of(person_id) if person_id else ("", "")
            if object_type == "route":
                object_id = "partnership:overview"
            elif object_type == "partnership.agency":
                object_id = str(rng.choice(data.agencies).pk)
            elif object_type == "partnership.person":
                object_id = str(person_id or rng.choice(data.person_ids))
            else:
                object_id = str(rng.randint(1, 50_000))
            rows.append(
                AuditEvent(
                    at=now - timedelta(seconds=offset),
                    person_id=person_id,
                    roles=roles,
                    agency=agency,
                    action=action,
                    outcome=outcome,
                    object_type=object_type,
                    object_id=object_id,
                    detail="generated volume data",
                    request_id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                    ip=f"10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                )
            )
        AuditEvent.objects.bulk_create(rows, batch_size=BATCH)
        created += len(rows)
    return created
