"""The two-person approval every public item goes through (a review's publication, a 7-minute briefing).

- The business unit proposes (`propose`, with what the check found: check.py), replacing the item's
  proposal still waiting, and clears each de-identification finding with a recorded reason (hits of the
  same words by two rules are one finding, cleared at once: findings.py).
- The independent chair (or a delegate holding that role) approves after a fresh second factor, which
  the view checks; nobody approves their own proposal, and nothing is approved while a hit is open.
- Nor does a chair whose role the proposer gave or confirmed within the last 30 days (CHAIR_MADE_BY_PROPOSER):
  otherwise the business unit could mint its own approver (partnership/services.py, grant_role).
- Approving replaces the item's earlier approval, so a withdrawn version can never come back. Which
  proposals are "the item's" is one rule, `same_item`.
- Unpublishing is immediate, by the business unit or the chair.

Clearing, approving, refusing and taking down each check the proposal's state inside the transaction and
record an audit event; approving and taking down tell the public library's cache that what the public
sees has changed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Generic, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.roles import Role
from sarhub.partnership.models import Membership, Person
from sarhub.partnership.notify import people_with
from sarhub.publication import caching
from sarhub.publication.findings import finding_with, things
from sarhub.publication.gate.check import Texts
from sarhub.publication.models import Gated, Status
from sarhub.publication.permissions import can_approve, can_propose, can_unpublish

G = TypeVar("G", bound=Gated)


@dataclass(frozen=True)
class Standing(Generic[G]):
    """Where an item's publication stands, from its proposals: the newest proposal whatever its state, the
    one waiting for the chair's decision, and the approval in force (approved and not taken down). An item
    can have both: an earlier approval stays in force while a newer proposal waits."""

    latest: G | None
    pending: G | None
    approved: G | None

    @property
    def current(self) -> G | None:
        """The proposal the page is about: the one waiting, else the approval in force, else the newest."""
        return self.pending or self.approved or self.latest


def standing(proposals: Iterable[G]) -> Standing[G]:
    """`proposals` newest first (the models' ordering)."""
    items = list(proposals)
    return Standing(
        latest=items[0] if items else None,
        pending=next((p for p in items if p.status == Status.PROPOSED), None),
        approved=next((p for p in items if p.status == Status.APPROVED and p.unpublished_at is None), None),
    )


def approvers_to_ask(proposer: Person) -> list[str]:
    """Who is asked to approve `proposer`'s proposal: every active independent chair but the proposer
    (nobody approves their own proposal), by email address."""
    return sorted(email for email in people_with(Role.INDEPENDENT_CHAIR) if email != proposer.email)


# How long a chair whose role the proposer gave or confirmed may not approve that proposer's proposals.
CHAIR_MADE_BY_PROPOSER = timedelta(days=30)


def _chair_made_by(actor: Person, proposer_id: int) -> str:
    """The word "given" or "confirmed" when `proposer_id` gave or confirmed `actor`'s current chair role within
    CHAIR_MADE_BY_PROPOSER, else ""."""
    since = timezone.now() - CHAIR_MADE_BY_PROPOSER
    chair = Membership.objects.active().filter(person=actor, role=Role.INDEPENDENT_CHAIR)
    if chair.filter(granted_by_id=proposer_id, granted_at__gt=since).exists():
        return "given"
    if chair.filter(confirmed_by_id=proposer_id, confirmed_at__gt=since).exists():
        return "confirmed"
    return ""


def same_item(proposal: Gated) -> dict[str, Any]:
    """The filter for the proposals of the same item as `proposal` (the same review, the same briefing:
    `Gated.item_field`), whose approval approving `proposal` replaces."""
    field = type(proposal).item_field
    return {f"{field}_id": getattr(proposal, f"{field}_id")}


@transaction.atomic
def propose(
    actor: Person,
    model: type[G],
    item: models.Model,
    *,
    texts: Texts,
    hits: list[dict[str, Any]],
    detail: str,
    **fields: Any,
) -> G:
    """Put a proposal to make `item` (a review, a briefing) public before the chair: `texts` are exactly
    the words checked and `hits` what the check found in them (check.py); `fields` are the model's own.
    The item's proposal still waiting, if any, is replaced by this one. Records the audit event (`detail`,
    then the count of findings); the caller then asks the chairs (`approvers_to_ask`)."""
    if not can_propose(actor):
        raise PermissionDenied
    same: dict[str, Any] = {model.item_field: item}
    model.objects.filter(status=Status.PROPOSED, **same).update(status=Status.SUPERSEDED)  # type: ignore[attr-defined]
    proposal: G = model.objects.create(  # type: ignore[attr-defined]
        **same,
        proposed_by=actor,
        hits=hits,
        scanned=[{"where": where, "text": text} for where, text in texts],
        **fields,
    )
    record(Action.CREATE, person=actor, obj=proposal, detail=f"{detail}; {len(proposal.findings)} gate findings")
    return proposal


def _locked(item: G) -> G:
    return type(item).objects.select_for_update().get(pk=item.pk)  # type: ignore[attr-defined,no-any-return]


@transaction.atomic
def clear_hit(actor: Person, item: G, key: str, reason: str) -> G:
    """Clear one gate hit with a recorded reason (for example, a public figure's name)."""
    return clear_keys(actor, item, [key], reason)


@transaction.atomic
def clear_finding(actor: Person, item: G, key: str, reason: str) -> G:
    """Clear the finding that holds `key`: every hit of the same words (two rules hitting one name, say,
    see findings.py), each with the reason recorded against its key. The merge is worked out here, from
    the locked proposal, never taken from the page."""
    if not can_propose(actor):
        raise PermissionDenied
    locked = _locked(item)
    finding = finding_with(locked.hits, key)
    if finding is None:
        raise ValidationError("Choose a hit from the list")
    return clear_keys(actor, locked, finding.keys, reason)


@transaction.atomic
def clear_keys(actor: Person, item: G, keys: list[str], reason: str) -> G:
    """Clear several gate hits at once, in one transaction, the same reason recorded for each key."""
    if not can_propose(actor):
        raise PermissionDenied
    locked = _locked(item)
    if locked.status != Status.PROPOSED:
        raise ValidationError("Only a proposal waiting for approval can be changed")
    known = {hit["key"] for hit in locked.hits}
    if not keys or any(key not in known for key in keys):
        raise ValidationError("Choose a hit from the list")
    if not reason.strip():
        raise ValidationError({"reason": "Give the reason this can be published"})
    locked.overrides = {**locked.overrides, **dict.fromkeys(keys, reason.strip())}
    locked.save(update_fields=["overrides"])
    detail = "gate hit cleared" if len(keys) == 1 else f"{len(keys)} gate hits of the same words cleared"
    record(Action.UPDATE, person=actor, obj=locked, detail=detail)
    return locked


@transaction.atomic
def approve(actor: Person, item: G, *, note: str = "") -> G:
    """Approve the proposal, replacing the approval of the same item (`same_item`), if any."""
    if not can_approve(actor):
        raise PermissionDenied
    locked = _locked(item)
    if locked.proposed_by_id == actor.pk:  # type: ignore[attr-defined]
        raise ValidationError("You proposed this: someone else must approve it")
    made = _chair_made_by(actor, locked.proposed_by_id)  # type: ignore[attr-defined]
    if made:
        raise ValidationError(
            f"Your independent chair role was {made} by the person who proposed this less than "
            f"{CHAIR_MADE_BY_PROPOSER.days} days ago: another chair must approve it"
        )
    if locked.status != Status.PROPOSED:
        raise ValidationError("This proposal is no longer waiting for approval")
    if locked.open_findings:
        raise ValidationError(f"The de-identification check found {things(locked.open_findings)} still to clear")
    model: Any = type(locked)
    model.objects.filter(status=Status.APPROVED, **same_item(locked)).exclude(pk=locked.pk).update(
        status=Status.SUPERSEDED
    )
    locked.status = Status.APPROVED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.decision_note = note.strip()
    locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="approved")
    caching.changed()
    return locked


@transaction.atomic
def refuse(actor: Person, item: G, *, note: str) -> G:
    if not can_approve(actor):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": "Say why it is not approved"})
    model: Any = type(item)
    updated = model.objects.filter(pk=item.pk, status=Status.PROPOSED).update(
        status=Status.REFUSED, decided_by=actor, decided_at=timezone.now(), decision_note=note.strip()
    )
    if not updated:
        raise ValidationError("This proposal is no longer waiting for approval")
    record(Action.STATE_CHANGE, person=actor, obj=item, detail="refused")
    item.refresh_from_db()
    return item


@transaction.atomic
def unpublish(actor: Person, item: G) -> G:
    """Take it off the public site at once."""
    if not can_unpublish(actor):
        raise PermissionDenied
    model: Any = type(item)
    updated = model.objects.filter(pk=item.pk, status=Status.APPROVED, unpublished_at__isnull=True).update(
        unpublished_at=timezone.now(), unpublished_by=actor
    )
    if not updated:
        raise ValidationError("It is not published")
    record(Action.STATE_CHANGE, person=actor, obj=item, detail="unpublished")
    caching.changed()
    item.refresh_from_db()
    return item
