"""Changing the partnership. Every write is audited; validation errors change nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import changed_fields, record
from sarhub.core.email import send_one
from sarhub.core.roles import POWERFUL_ROLES, Role, may_have_agency, requires_agency, role_phrase
from sarhub.core.tokens import hash_token, new_token
from sarhub.partnership import permissions
from sarhub.partnership.models import Agency, Board, Invitation, Membership, Person, RoleGrant, RoleGrantStatus
from sarhub.partnership.selectors import forget_agency_names, forget_agency_people_counts, forget_board
from sarhub.partnership.signals import person_deactivated


def _snapshot(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: getattr(obj, f) for f in fields}


# --- The Board -------------------------------------------------------------------------------------

BOARD_FIELDS = ["name", "short_name", "concern_phone", "website", "financial_year_start_month", "purpose"]


@transaction.atomic
def update_board(actor: Person, data: dict[str, Any]) -> Board:
    if not permissions.can_manage_partnership(actor):
        raise PermissionDenied
    board = Board.objects.select_for_update().order_by("pk").first() or Board()
    created = board.pk is None
    before = _snapshot(board, BOARD_FIELDS)
    for field in BOARD_FIELDS:
        setattr(board, field, data[field])
    board.full_clean()
    board.save()
    record(
        Action.CREATE if created else Action.UPDATE,
        person=actor,
        obj=board,
        detail=changed_fields(before, _snapshot(board, BOARD_FIELDS)),
    )
    transaction.on_commit(forget_board)
    return board


# --- Agencies --------------------------------------------------------------------------------------

AGENCY_FIELDS = ["name", "short_name", "agency_type", "is_active"]


@transaction.atomic
def save_agency(actor: Person, agency: Agency, data: dict[str, Any]) -> Agency:
    if not permissions.can_manage_partnership(actor):
        raise PermissionDenied
    created = agency.pk is None
    before = _snapshot(agency, AGENCY_FIELDS)
    for field in AGENCY_FIELDS:
        if field in data:
            setattr(agency, field, data[field])
    agency.full_clean()
    agency.save()
    after = _snapshot(agency, AGENCY_FIELDS)
    record(
        Action.CREATE if created else Action.UPDATE,
        person=actor,
        obj=agency,
        detail=changed_fields(before, after),
    )
    if not created and before["is_active"] != after["is_active"]:
        record(
            Action.STATE_CHANGE,
            person=actor,
            obj=agency,
            detail="active" if after["is_active"] else "inactive",
        )
    transaction.on_commit(forget_agency_names)
    return agency


# --- Invitations -----------------------------------------------------------------------------------


def _validate_roles(actor: Person, roles: list[str], agency: Agency | None) -> None:
    if not roles:
        raise ValidationError({"roles": "Select at least one role"})
    for role in roles:
        if role not in Role.values:
            raise ValidationError({"roles": "Select a role from the list"})
        if not permissions.can_grant_role(actor, role):
            raise ValidationError({"roles": f"You cannot give the role {role_phrase(role)}"})
        if requires_agency(role) and agency is None:
            raise ValidationError({"agency": f"Select the agency for the role {role_phrase(role)}"})
    if agency is not None and not agency.is_active:
        raise ValidationError({"agency": "Select an active agency"})


NOT_SENT = "The invitation email could not be sent, so no invitation has been made. Try again later"
NOT_SENT_AGAIN = "The invitation email could not be sent, so nothing has changed. Try again later"


@dataclass
class IssuedInvitation:
    invitation: Invitation
    token: str  # only ever in the email; never stored or logged

    @property
    def path(self) -> str:
        return reverse("accounts:invitation", args=[self.token])


def _issue_token(invitation: Invitation) -> str:
    token = new_token()
    invitation.token_hash = hash_token(token)
    invitation.expires_at = timezone.now() + settings.INVITATION_VALID_FOR
    return token


def _send_invitation_email(issued: IssuedInvitation) -> bool:
    invitation = issued.invitation
    board = Board.current()
    body = render_to_string(
        "partnership/email/invitation.txt",
        {
            "invitation": invitation,
            "board": board,
            "link": settings.SITE_URL + issued.path,
            "expires_at": timezone.localtime(invitation.expires_at),
        },
    )
    return send_one(  # one recipient per message, always
        subject=f"Your invitation to SAR Hub, {board.short_name}",
        body=body,
        to=invitation.email,
        purpose=f"invitation {invitation.pk}",
    )


@transaction.atomic
def invite_person(
    actor: Person,
    *,
    email: str,
    full_name: str,
    job_title: str = "",
    agency: Agency | None,
    roles: list[str],
) -> IssuedInvitation:
    if not permissions.can_manage_partnership(actor):
        raise PermissionDenied
    email = Person.objects.normalize_email(email).strip().lower()
    _validate_roles(actor, roles, agency)
    if agency is not None and not any(may_have_agency(r) for r in roles):
        raise ValidationError({"agency": "None of the selected roles belongs to an agency: leave the agency empty"})
    if Person.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "This person already has an account: give them roles from their page"})
    now = timezone.now()
    pending = Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    )
    if pending.exists():
        raise ValidationError({"email": "There is already a pending invitation for this email address"})
    invitation = Invitation(
        email=email, full_name=full_name, job_title=job_title, agency=agency, roles=roles, created_by=actor
    )
    token = _issue_token(invitation)
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    record(Action.CREATE, person=actor, obj=invitation, detail="roles: " + ",".join(sorted(roles)))
    issued = IssuedInvitation(invitation, token)
    # Sent now, so that the business unit is told the truth: an invitation whose email could not be sent is
    # not made at all (this transaction rolls back), and they can try again.
    if not _send_invitation_email(issued):
        raise ValidationError(NOT_SENT)
    return issued


@transaction.atomic
def resend_invitation(actor: Person, invitation: Invitation) -> IssuedInvitation:
    """A fresh link (the old one stops working) with a fresh expiry, for a pending or expired invitation."""
    if not permissions.can_manage_partnership(actor):
        raise PermissionDenied
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise ValidationError("This invitation has already been accepted or withdrawn")
    token = _issue_token(invitation)
    invitation.save(update_fields=["token_hash", "expires_at"])
    record(Action.UPDATE, person=actor, obj=invitation, detail="sent again with a new link")
    issued = IssuedInvitation(invitation, token)
    if not _send_invitation_email(issued):  # nothing changes: the old link, if still in time, keeps working
        raise ValidationError(NOT_SENT_AGAIN)
    return issued


@transaction.atomic
def withdraw_invitation(actor: Person, invitation: Invitation) -> Invitation:
    if not permissions.can_manage_partnership(actor):
        raise PermissionDenied
    updated = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now(), revoked_by=actor
    )
    if not updated:
        raise ValidationError("This invitation has already been accepted or withdrawn")
    record(Action.STATE_CHANGE, person=actor, obj=invitation, detail="withdrawn")
    invitation.refresh_from_db()
    return invitation


def find_invitation(token: str) -> Invitation | None:
    """The invitation a link's token belongs to, usable or not; None for an unknown token."""
    if not token or len(token) > 100:
        return None
    return Invitation.objects.filter(token_hash=hash_token(token)).select_related("agency").first()


@transaction.atomic
def accept_invitation(invitation_id: int, *, email: str, full_name: str, password: str) -> Person:
    """Create the account and its memberships. Single use: a second acceptance changes nothing."""
    now = timezone.now()
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("agency").get(pk=invitation_id)
    if not invitation.is_usable:
        raise ValidationError("This invitation can no longer be used")
    if email.strip().lower() != invitation.email.lower():
        raise ValidationError({"email": "Enter the email address this invitation was sent to"})
    claimed = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        accepted_at=now
    )
    if claimed != 1:
        raise ValidationError("This invitation can no longer be used")
    try:
        with transaction.atomic():
            person = Person.objects.create_user(
                invitation.email, password, full_name=full_name, job_title=invitation.job_title
            )
    except IntegrityError:
        raise ValidationError("An account already exists for this email address") from None
    proposed: list[RoleGrant] = []
    for role in invitation.roles:
        if role in POWERFUL_ROLES:  # nobody grants a powerful role alone, by invitation either
            proposed.append(RoleGrant.objects.create(person=person, role=role, proposed_by=invitation.created_by))
            continue
        Membership.objects.create(
            person=person,
            role=role,
            agency=invitation.agency if may_have_agency(role) else None,
            granted_by=invitation.created_by,
            granted_at=now,
        )
    Invitation.objects.filter(pk=invitation.pk).update(accepted_by=person)
    transaction.on_commit(forget_agency_people_counts)
    record(Action.CREATE, person=person, obj=person, detail="account created from invitation")
    record(Action.INVITATION_ACCEPTED, person=person, obj=invitation)
    for grant in proposed:
        record(Action.CREATE, person=person, obj=grant, detail=f"role {grant.role} proposed by invitation")
        _tell_about_grant(
            grant,
            leave_out=invitation.created_by,
            holder_lines=[
                f"Your invitation proposed the role {role_phrase(grant.role)} for you in SAR Hub.",
                "It does not work until a second person confirms it. You will be told when it does.",
            ],
            others_lines=[
                f"Someone invited with the role {role_phrase(grant.role)} has created their account in SAR Hub.",
                "Nobody gives this role alone: a second person allowed to give it must confirm it before it works. "
                "If you did not expect this, check it now.",
            ],
            subject="A role in SAR Hub is waiting for a second person",
        )
    return person


# --- People and roles ------------------------------------------------------------------------------


def _roles_now(person: Person) -> str:
    """The person's current roles, for the audit log's before and after (role names only)."""
    return ",".join(sorted(Membership.objects.active().filter(person=person).values_list("role", flat=True)))


@transaction.atomic
def grant_role(actor: Person, person: Person, role: str, agency: Agency | None) -> Membership | RoleGrant:
    """An ordinary role is given at once. A powerful one (roles.POWERFUL_ROLES) is only proposed: it waits
    for a different person allowed to grant it to confirm it (confirm_role_grant)."""
    if not permissions.can_change_person(actor, person):
        raise PermissionDenied
    _validate_roles(actor, [role], agency)
    if not may_have_agency(role):
        agency = None
    membership = Membership(person=person, role=role, agency=agency, granted_by=actor)
    membership.full_clean(validate_constraints=False)
    exists = Membership.objects.active().filter(person=person, role=role, agency=agency).exists()
    if exists:
        raise ValidationError({"role": "This person already has this role"})
    if role in POWERFUL_ROLES:
        return _propose_role(actor, person, role)
    before = _roles_now(person)
    membership.save()
    transaction.on_commit(forget_agency_people_counts)
    record(
        Action.CREATE,
        person=actor,
        obj=membership,
        detail=f"role {role} for person {person.pk}; roles: {before} -> {_roles_now(person)}",
    )
    return membership


def _propose_role(actor: Person, person: Person, role: str) -> RoleGrant:
    if RoleGrant.objects.filter(person=person, role=role, status=RoleGrantStatus.PENDING).exists():
        raise ValidationError({"role": "This role is already waiting for a second person to confirm it"})
    grant = RoleGrant.objects.create(person=person, role=role, proposed_by=actor)
    record(Action.CREATE, person=actor, obj=grant, detail=f"role {role} proposed for person {person.pk}")
    _tell_about_grant(
        grant,
        leave_out=actor,
        holder_lines=[
            f"Someone in your Board's business unit has proposed giving you the role {role_phrase(role)} in SAR Hub.",
            "It does not work until a second person confirms it. If you did not expect this, tell your "
            "Board's business unit or system administrator.",
        ],
        others_lines=[
            f"Someone has been proposed for the role {role_phrase(role)} in SAR Hub.",
            "Nobody gives this role alone: a second person allowed to give it must confirm it before it works. "
            "If you did not expect this, check it now.",
        ],
        subject="A role in SAR Hub is waiting for a second person",
    )
    return grant


def _tell_about_grant(
    grant: RoleGrant, *, leave_out: Person, holder_lines: list[str], others_lines: list[str], subject: str
) -> None:
    """The holder, and the Board's other powerful-role holders (not `leave_out`, who did it), one email each."""
    from sarhub.partnership.notify import people_with, tell

    holder = grant.person.email
    others = [e for e in people_with(*POWERFUL_ROLES) if e not in (holder, leave_out.email)]
    path = reverse("partnership:person-detail", args=[grant.person_id])
    purpose = f"role grant {grant.pk}"
    if grant.person.is_active:
        tell([holder], subject=subject, lines=holder_lines, path=reverse("accounts:account"), purpose=purpose)
    tell(others, subject=subject, lines=others_lines, path=path, purpose=purpose)


def _pending_grant(grant: RoleGrant) -> RoleGrant:
    locked = RoleGrant.objects.select_for_update().select_related("person").get(pk=grant.pk)
    if not locked.is_pending:
        raise ValidationError("This role has already been confirmed or declined")
    return locked


@transaction.atomic
def confirm_role_grant(actor: Person, grant: RoleGrant) -> Membership:
    """The second person: allowed to grant the role, and neither its proposer nor the person receiving it."""
    if not permissions.can_decide_role_grant(actor, grant):
        raise PermissionDenied
    locked = _pending_grant(grant)
    if locked.proposed_by_id == actor.pk:
        raise ValidationError("You proposed this role: a second person must confirm it")
    person = locked.person
    if not person.is_active:
        raise ValidationError("This person is deactivated: reactivate them first")
    if Membership.objects.active().filter(person=person, role=locked.role, agency=None).exists():
        raise ValidationError("This person already has this role")
    before = _roles_now(person)
    now = timezone.now()
    membership = Membership.objects.create(
        person=person,
        role=locked.role,
        granted_by_id=locked.proposed_by_id,
        granted_at=locked.proposed_at,
        confirmed_by=actor,
        confirmed_at=now,
    )
    locked.status = RoleGrantStatus.CONFIRMED
    locked.decided_by = actor
    locked.decided_at = now
    locked.membership = membership
    locked.save(update_fields=["status", "decided_by", "decided_at", "membership"])
    transaction.on_commit(forget_agency_people_counts)
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="confirmed")
    record(
        Action.CREATE,
        person=actor,
        obj=membership,
        detail=f"role {locked.role} for person {person.pk}, proposed by person {locked.proposed_by_id}; "
        f"roles: {before} -> {_roles_now(person)}",
    )
    _tell_about_grant(
        locked,
        leave_out=actor,
        holder_lines=[
            f"You now have the role {role_phrase(locked.role)} in SAR Hub: it was proposed and then confirmed "
            "by a second person.",
            "If you did not expect this, tell your Board's business unit or system administrator.",
        ],
        others_lines=[f"A second person has confirmed the role {role_phrase(locked.role)} for someone in SAR Hub."],
        subject="A role in SAR Hub has been confirmed",
    )
    return membership


@transaction.atomic
def decline_role_grant(actor: Person, grant: RoleGrant) -> RoleGrant:
    """A proposed role is declined by anyone who could confirm it, or withdrawn by its proposer."""
    if not (permissions.can_decide_role_grant(actor, grant) or grant.proposed_by_id == actor.pk):
        raise PermissionDenied
    locked = _pending_grant(grant)
    locked.status = RoleGrantStatus.DECLINED
    locked.decided_by = actor
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="declined")
    return locked


@transaction.atomic
def end_membership(actor: Person, membership: Membership) -> Membership:
    """Removing a role takes effect on the person's next request (roles are read afresh each request)."""
    if not permissions.can_change_person(actor, membership.person):
        raise PermissionDenied
    before = _roles_now(membership.person)
    updated = Membership.objects.filter(pk=membership.pk, ended_at__isnull=True).update(
        ended_at=timezone.now(), ended_by=actor
    )
    if not updated:
        raise ValidationError("This role has already been removed")
    record(
        Action.STATE_CHANGE,
        person=actor,
        obj=membership,
        detail=f"role {membership.role} ended; roles: {before} -> {_roles_now(membership.person)}",
    )
    transaction.on_commit(forget_agency_people_counts)
    membership.refresh_from_db()
    return membership


@transaction.atomic
def deactivate_person(actor: Person, person: Person) -> Person:
    """Stops the person signing in and ends their sessions; their next request finds them signed out."""
    if not permissions.can_change_person(actor, person):
        raise PermissionDenied
    if not person.is_active:
        raise ValidationError("This person is already deactivated")
    Person.objects.filter(pk=person.pk).update(is_active=False, deactivated_at=timezone.now())
    # The accounts app ends their sessions (sarhub.accounts.signals) and says how many it ended.
    ended = sum(int(count or 0) for _, count in person_deactivated.send(sender=Person, person=person))
    transaction.on_commit(forget_agency_people_counts)
    record(Action.STATE_CHANGE, person=actor, obj=person, detail=f"deactivated; {ended} sessions ended")
    person.refresh_from_db()
    return person


@transaction.atomic
def reactivate_person(actor: Person, person: Person) -> Person:
    if not permissions.can_change_person(actor, person):
        raise PermissionDenied
    if person.is_active:
        raise ValidationError("This person is already active")
    Person.objects.filter(pk=person.pk).update(is_active=True, deactivated_at=None)
    transaction.on_commit(forget_agency_people_counts)
    record(Action.STATE_CHANGE, person=actor, obj=person, detail="reactivated")
    person.refresh_from_db()
    return person


def update_person_details(actor: Person, person: Person, *, full_name: str, job_title: str) -> Person:
    if not (permissions.can_change_person(actor, person) or actor.pk == person.pk):
        raise PermissionDenied
    before = _snapshot(person, ["full_name", "job_title"])
    person.full_name = full_name
    person.job_title = job_title
    person.full_clean(exclude=["password"])
    person.save(update_fields=["full_name", "job_title"])
    record(
        Action.UPDATE,
        person=actor,
        obj=person,
        detail=changed_fields(before, _snapshot(person, ["full_name", "job_title"])),
    )
    return person


@transaction.atomic
def invite_to_learning(actor: Person, *, email: str, full_name: str, agency: Agency, role: str) -> Invitation | None:
    """An account for a practitioner or line manager invited to a learning event who has none yet.

    Narrower than invite_person: one of those two roles, at one agency, and allowed to the business unit,
    to the agency's own safeguarding leads, to lead reviewers (who invite case groups), and to someone of
    the same agency nominating a colleague in their place. Only the learning-event services call it, after
    their own checks. Returns the pending invitation (an existing pending one is kept), or None when the
    person already has an account."""
    from sarhub.core.roles import BUSINESS_UNIT_ROLES

    if role not in (Role.PRACTITIONER, Role.LINE_MANAGER):
        raise ValidationError({"role": "Select practitioner or line manager"})
    allowed = actor.has_role(*BUSINESS_UNIT_ROLES, Role.LEAD_REVIEWER) or any(a.pk == agency.pk for a in actor.agencies)
    if not allowed:
        raise PermissionDenied
    email = Person.objects.normalize_email(email).strip().lower()
    if Person.objects.filter(email__iexact=email).exists():
        return None
    now = timezone.now()
    pending = Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).first()
    if pending is not None:
        return pending
    invitation = Invitation(email=email, full_name=full_name, agency=agency, roles=[role], created_by=actor)
    token = _issue_token(invitation)
    invitation.full_clean(exclude=["token_hash"])
    invitation.save()
    record(Action.CREATE, person=actor, obj=invitation, detail=f"roles: {role} (learning event)")
    issued = IssuedInvitation(invitation, token)
    transaction.on_commit(lambda: _send_invitation_email(issued))
    return invitation
