"""Planning a learning event, inviting people, their replies, reminders and the register.

Every change is checked here and audited. Emails go to one person each, name the review by its
reference and pseudonym only, and carry the calendar entry (.ics). A reply link holds a random token,
stored only as its SHA-256; it works once, until the event starts, for the person it was sent to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.email import send_one
from sarhub.core.tokens import hash_token, new_token, same_hash
from sarhub.events import calendar, permissions
from sarhub.events.models import EventInvitation, EventStatus, InviteeRole, LearningEvent, Reply
from sarhub.partnership.models import Agency, Person
from sarhub.partnership.services import invite_to_learning
from sarhub.reviews.models import Review, Stage

EVENT_FIELDS = ("title", "starts_at", "ends_at", "venue", "joining_details", "agenda", "ground_rules")
TOLD_OF = ("title", "starts_at", "ends_at", "venue", "joining_details")  # a change to these is emailed
REMIND_DAYS_BEFORE = 7


@dataclass
class Sent:
    """What a change did and whom its emails reached. `reached` and `missed` are filled in as the emails go,
    once the change is committed (at once for a page's request, which is not wrapped in a transaction)."""

    invitations: list[EventInvitation] = field(default_factory=list)  # invitations it created
    changed: list[str] = field(default_factory=list)  # the event's fields it changed
    reached: list[str] = field(default_factory=list)  # names of the people emailed
    missed: list[str] = field(default_factory=list)  # names of the people whose email could not be sent

    def deliver(self, invitation: EventInvitation, delivered: bool) -> None:
        (self.reached if delivered else self.missed).append(invitation.full_name)


def _check_facilitators(review: Review, facilitators: list[Person]) -> None:
    allowed = set(permissions.facilitator_choices(review).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in facilitators):
        raise ValidationError(
            {
                "facilitators": "Choose facilitators from the list: the review's lead reviewers and panel members, "
                "or the business unit"
            }
        )


def _check_times(data: dict[str, Any], *, new: bool) -> None:
    starts, ends = data.get("starts_at"), data.get("ends_at")
    errors = {}
    if starts and new and starts <= timezone.now():
        errors["starts_at"] = "The event must start in the future"
    if starts and ends and ends <= starts:
        errors["ends_at"] = "The event must end after it starts"
    if not (data.get("venue") or "").strip() and not (data.get("joining_details") or "").strip():
        errors["venue"] = "Give a venue, online joining details, or both"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def plan_event(actor: Person, review: Review, data: dict[str, Any], facilitators: list[Person]) -> LearningEvent:
    if not permissions.can_plan(actor, review):
        raise PermissionDenied
    if review.stage == Stage.COMPLETE:
        raise ValidationError("The review is complete: plan learning events while it is running")
    _check_times(data, new=True)
    _check_facilitators(review, facilitators)
    event = LearningEvent(review=review, created_by=actor, **{f: data[f] for f in EVENT_FIELDS if f in data})
    event.full_clean(exclude=["review", "created_by"])
    event.save()
    event.facilitators.set(facilitators)
    record(Action.CREATE, person=actor, obj=event, detail=f"review {review.pk}")
    return event


def _send(
    invitation: EventInvitation, subject: str, lines: list[str], *, cancel: bool = False, token: str = ""
) -> bool:
    event = invitation.event
    body = [*lines]
    if token:
        link = settings.SITE_URL + reverse("events:reply", args=[token])
        body.append(
            "Please say whether you can come, or nominate a colleague who knew the adult or family, here "
            f"(you will need to sign in; the link works once, until the event starts):\n{link}"
        )
    body.append(f"The calendar entry is attached.\n\n{settings.SITE_URL}{reverse('events:detail', args=[event.pk])}")
    attachment = ("learning-event.ics", calendar.ics(event, invitation, cancel=cancel), "text/calendar")
    return send_one(
        subject=subject,
        body="\n\n".join(body),
        to=invitation.email,
        purpose=f"event invitation {invitation.pk}",
        attachments=[attachment],
    )


def _when(event: LearningEvent) -> str:
    starts = timezone.localtime(event.starts_at)
    ends = timezone.localtime(event.ends_at)
    return f"{starts:%A %-d %B %Y, %H:%M} to {ends:%H:%M}"


def _where(event: LearningEvent) -> str:
    return "; ".join(part for part in (event.venue, event.joining_details) if part)


def _invitation_lines(event: LearningEvent) -> list[str]:
    return [
        f"You are invited to a multi-agency learning event for review {event.review.reference} "
        f"({event.review.pseudonym}), with your line manager where you have one.",
        f"When: {_when(event)}\nWhere: {_where(event)}",
        "It is a safe space to reflect on your involvement and decisions: its purpose is learning, never blame.",
    ]


def _issue(invitation: EventInvitation) -> str:
    token = new_token()
    EventInvitation.objects.filter(pk=invitation.pk).update(token_hash=hash_token(token))
    return token


@dataclass
class Invitee:
    full_name: str
    email: str
    agency: Agency
    role: str
    person: Person | None = None


def invitee_for(person: Person, agency: Agency) -> Invitee:
    """Someone with an account, invited from an agency in the part they take there."""
    return Invitee(person.full_name, person.email, agency, permissions.invitee_role(person, agency), person)


def _check_inviter(actor: Person, event: LearningEvent, invitees: list[Invitee]) -> None:
    team = permissions.is_event_team(actor, event)
    if not team:
        if not permissions.can_nominate(actor, event):
            raise PermissionDenied
        own = permissions.lead_agency_ids(actor)
        others = sorted({i.agency.name for i in invitees if i.agency.pk not in own})
        if others:
            raise ValidationError({"agency": "You can nominate people from your own agency only"})


def _check_invitees(invitees: list[Invitee]) -> None:
    """Someone with an account is chosen from their agency's practitioners and line managers; only someone
    without one is named by email (and is invited to make an account)."""
    for invitee in invitees:
        if invitee.person is not None:
            if not permissions.invitable_people(invitee.agency).filter(pk=invitee.person.pk).exists():
                raise ValidationError(
                    f"{invitee.person.full_name} is not a practitioner or line manager at {invitee.agency.name}"
                )
            continue
        if Person.objects.filter(email__iexact=invitee.email.strip()).exists():
            raise ValidationError(
                {
                    "new_email": "Someone with this email address already has an account: choose them from the "
                    f"list, if they are a practitioner or line manager at {invitee.agency.name}"
                }
            )


@transaction.atomic
def invite(actor: Person, event: LearningEvent, invitees: list[Invitee]) -> Sent:
    """Invite practitioners and line managers, agency by agency: one email each with the calendar entry.
    Returns what was done: the invitations created and, once sent, whom the emails reached."""
    locked = LearningEvent.objects.select_for_update().select_related("review").get(pk=event.pk)
    _check_inviter(actor, locked, invitees)
    if locked.is_cancelled:
        raise ValidationError("The event has been cancelled")
    if locked.starts_at <= timezone.now():
        raise ValidationError("The event has already started: no more invitations can be sent")
    if not invitees:
        raise ValidationError("Choose at least one person to invite")
    _check_invitees(invitees)
    emails = [i.email.strip().lower() for i in invitees]
    already = sorted(
        set(EventInvitation.objects.filter(event=locked, email__in=emails).values_list("full_name", flat=True))
    )
    if already:
        raise ValidationError(f"Already invited: {', '.join(already)}")
    if len(set(emails)) != len(emails):
        raise ValidationError("The same person is listed twice")
    created = []
    for invitee, email in zip(invitees, emails, strict=True):
        person = invitee.person
        if person is None:
            # No account yet: they are invited to create one (practitioner or line manager at the agency),
            # and sign in with it to reply.
            invite_to_learning(
                actor, email=email, full_name=invitee.full_name, agency=invitee.agency, role=invitee.role
            )
        invitation = EventInvitation.objects.create(
            event=locked,
            person=person,
            email=email,
            full_name=invitee.full_name.strip() or (person.full_name if person else email),
            agency=invitee.agency,
            role=invitee.role if invitee.role in InviteeRole.values else InviteeRole.PRACTITIONER,
            invited_by=actor,
        )
        record(Action.CREATE, person=actor, obj=invitation, detail=f"event {locked.pk}, agency {invitee.agency.pk}")
        created.append(invitation)
    tokens = {invitation.pk: _issue(invitation) for invitation in created}
    sent = Sent(invitations=created)

    def send_all() -> None:
        for invitation in created:
            sent.deliver(
                invitation,
                _send(
                    invitation,
                    f"Invitation: learning event for {locked.review.reference} ({locked.review.pseudonym})",
                    _invitation_lines(locked),
                    token=tokens[invitation.pk],
                ),
            )

    transaction.on_commit(send_all)
    return sent


def _still_invited(event: LearningEvent) -> list[EventInvitation]:
    return list(event.invitations.exclude(reply__in=[Reply.DECLINED, Reply.NOMINATED]).select_related("event__review"))


@transaction.atomic
def update_event(actor: Person, event: LearningEvent, data: dict[str, Any], facilitators: list[Person]) -> Sent:
    """Change the details; if the time, place or title changed, everyone still invited gets the updated
    calendar entry. Returns the fields changed and, once sent, whom the emails reached."""
    if not permissions.can_plan(actor, event.review):
        raise PermissionDenied
    locked = LearningEvent.objects.select_for_update().select_related("review").get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError("The event has been cancelled")
    _check_times(data, new=data.get("starts_at") != locked.starts_at)
    _check_facilitators(locked.review, facilitators)
    before = {f: getattr(locked, f) for f in EVENT_FIELDS}
    for name in EVENT_FIELDS:
        if name in data:
            setattr(locked, name, data[name])
    locked.full_clean(exclude=["review", "created_by"])
    changed = [f for f in EVENT_FIELDS if getattr(locked, f) != before[f]]
    had = set(locked.facilitators.values_list("pk", flat=True))
    locked.facilitators.set(facilitators)
    if had != {person.pk for person in facilitators}:
        changed.append("facilitators")
    if changed:
        locked.sequence += 1
    locked.save()
    record(
        Action.UPDATE,
        person=actor,
        obj=locked,
        detail=("changed: " + ", ".join(changed)) if changed else "nothing changed",
    )
    sent = Sent(changed=changed)
    if set(TOLD_OF) & set(changed):
        recipients = _still_invited(locked)

        def send_all() -> None:
            for invitation in recipients:
                sent.deliver(
                    invitation,
                    _send(
                        invitation,
                        f"Changed: learning event for {locked.review.reference} ({locked.review.pseudonym})",
                        [
                            f"The learning event for review {locked.review.reference} ({locked.review.pseudonym}) "
                            "has changed.",
                            f"When: {_when(locked)}\nWhere: {_where(locked)}",
                        ],
                    ),
                )

        transaction.on_commit(send_all)
    return sent


@transaction.atomic
def cancel_event(actor: Person, event: LearningEvent) -> Sent:
    """Cancel the event; everyone still invited gets the cancelled calendar entry. Returns, once sent, whom
    the emails reached."""
    if not permissions.can_plan(actor, event.review):
        raise PermissionDenied
    locked = LearningEvent.objects.select_for_update().select_related("review").get(pk=event.pk)
    if locked.is_cancelled:
        raise ValidationError("The event has already been cancelled")
    if locked.ends_at <= timezone.now():
        raise ValidationError("The event has already taken place")
    locked.status = EventStatus.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.sequence += 1
    locked.save(update_fields=["status", "cancelled_at", "sequence"])
    EventInvitation.objects.filter(event=locked).update(token_hash=None)
    record(Action.STATE_CHANGE, person=actor, obj=locked, detail="cancelled")
    recipients = _still_invited(locked)
    sent = Sent(changed=["status"])

    def send_all() -> None:
        for invitation in recipients:
            sent.deliver(
                invitation,
                _send(
                    invitation,
                    f"Cancelled: learning event for {locked.review.reference} ({locked.review.pseudonym})",
                    [
                        f"The learning event for review {locked.review.reference} ({locked.review.pseudonym}) on "
                        f"{_when(locked)} has been cancelled."
                    ],
                    cancel=True,
                ),
            )

    transaction.on_commit(send_all)
    return sent


# --- Replies ---------------------------------------------------------------------------------------------


class ReplyRefused(ValidationError):
    pass


def invitation_for_token(token: str) -> EventInvitation | None:
    if not token or len(token) > 100:
        return None
    return (
        EventInvitation.objects.select_related("event__review", "agency").filter(token_hash=hash_token(token)).first()
    )


def check_reply(actor: Person, invitation: EventInvitation | None) -> EventInvitation:
    """The invitation a reply link opens for this person, or a refusal saying why (nothing changes)."""
    if invitation is None:
        raise ReplyRefused(
            "This link has been used already or is not valid. You can change your reply on the event's page "
            "in SAR Hub (under Your tasks) until the event starts"
        )
    if invitation.person_id is not None and invitation.person_id != actor.pk:
        raise ReplyRefused("This link was sent to someone else: it works only for the person it was sent to")
    if invitation.person_id is None and invitation.email.lower() != actor.email.lower():
        raise ReplyRefused("This link was sent to someone else: it works only for the person it was sent to")
    if invitation.event.is_cancelled:
        raise ReplyRefused("The event has been cancelled")
    if invitation.event.starts_at <= timezone.now():
        raise ReplyRefused("The event has started, so replies are closed")
    return invitation


@dataclass
class Replied:
    """A reply recorded: the invitation, the reply it had before, and the colleague nominated (if any)."""

    invitation: EventInvitation
    previous: str
    nominee: EventInvitation | None = None
    sent: Sent = field(default_factory=Sent)

    @property
    def unchanged(self) -> bool:
        return self.previous == self.invitation.reply and self.nominee is None


@transaction.atomic
def reply(actor: Person, token: str, answer: str, nominee: Invitee | None = None) -> Replied:
    """A reply through the emailed link."""
    invitation = check_reply(actor, invitation_for_token(token))
    invitation = (
        EventInvitation.objects.select_for_update().select_related("event__review", "agency").get(pk=invitation.pk)
    )
    if not same_hash(invitation.token_hash, token):
        raise ReplyRefused(
            "This link has been used already. You can change your reply on the event's page until the event starts"
        )
    return _record_reply(actor, invitation, answer, nominee)


@transaction.atomic
def reply_signed_in(actor: Person, event: LearningEvent, answer: str, nominee: Invitee | None = None) -> Replied:
    """A reply from the event's page by the invitee, signed in as themselves: a first reply, or a change
    of their reply, until the event starts."""
    invitation = (
        EventInvitation.objects.select_for_update()
        .select_related("event__review", "agency")
        .filter(event=event, person=actor)
        .first()
    )
    if invitation is None:
        raise ReplyRefused("You have not been invited to this event")
    check_reply(actor, invitation)
    return _record_reply(actor, invitation, answer, nominee)


def colleagues(invitation: EventInvitation) -> Any:
    """Whom an invitee may nominate in their place: their agency's practitioners and line managers not
    invited yet (never themselves)."""
    already = EventInvitation.objects.filter(event_id=invitation.event_id).values("email")
    return (
        permissions.invitable_people(invitation.agency).exclude(pk=invitation.person_id or 0).exclude(email__in=already)
    )


def _check_nominee(invitation: EventInvitation, nominee: Invitee | None) -> None:
    if nominee is None:
        raise ValidationError({"nominee": "Choose the colleague you nominate"})
    email = nominee.email.strip().lower()
    field_name = "nominee" if nominee.person is not None else "nominee_email"
    if email == invitation.email.lower():
        raise ValidationError({field_name: "Nominate a colleague, not yourself"})
    if EventInvitation.objects.filter(event=invitation.event, email__iexact=email).exists():
        raise ValidationError({field_name: "Your colleague has already been invited"})
    if nominee.agency.pk != invitation.agency_id:
        raise ValidationError({field_name: f"Nominate a colleague from {invitation.agency.name}"})
    if nominee.person is not None:
        if not colleagues(invitation).filter(pk=nominee.person.pk).exists():
            raise ValidationError(
                {"nominee": f"Choose a practitioner or line manager at {invitation.agency.name} from the list"}
            )
    elif Person.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"nominee_email": "Your colleague already has an account: choose them from the list of your colleagues"}
        )


def _record_reply(actor: Person, invitation: EventInvitation, answer: str, nominee: Invitee | None) -> Replied:
    if answer not in (Reply.ACCEPTED, Reply.DECLINED, Reply.NOMINATED):
        raise ValidationError({"answer": "Select whether you can come"})
    if answer == Reply.NOMINATED:
        _check_nominee(invitation, nominee)
    previous = invitation.reply
    replied = Replied(invitation, previous)
    if answer == previous and answer != Reply.NOMINATED:
        return replied  # the same answer again: nothing to change or record
    invitation.reply = answer
    invitation.replied_at = timezone.now()
    invitation.token_hash = None
    if invitation.person_id is None:
        invitation.person = actor
    invitation.save(update_fields=["reply", "replied_at", "token_hash", "person"])
    record(
        Action.STATE_CHANGE,
        person=actor,
        obj=invitation,
        detail=answer if previous == Reply.AWAITING else f"reply changed from {previous} to {answer}",
    )
    if answer == Reply.NOMINATED and nominee is not None:
        replied.nominee = _nominate(actor, invitation, nominee, replied.sent)
    return replied


def _nominate(actor: Person, invitation: EventInvitation, nominee: Invitee, sent: Sent) -> EventInvitation:
    """The colleague an invitee nominated in their place is invited, with their own reply link."""
    event = invitation.event
    person = nominee.person
    if person is None:
        invite_to_learning(
            actor, email=nominee.email, full_name=nominee.full_name, agency=invitation.agency, role=invitation.role
        )
    colleague = EventInvitation.objects.create(
        event=event,
        person=person,
        email=nominee.email.strip().lower(),
        full_name=nominee.full_name.strip(),
        agency=invitation.agency,
        role=nominee.role if nominee.role in InviteeRole.values else invitation.role,
        invited_by=actor,
        nominated_from=invitation,
    )
    record(Action.CREATE, person=actor, obj=colleague, detail=f"nominated by invitation {invitation.pk}")
    sent.invitations.append(colleague)
    token_for_colleague = _issue(colleague)
    transaction.on_commit(
        lambda: sent.deliver(
            colleague,
            _send(
                colleague,
                f"Invitation: learning event for {event.review.reference} ({event.review.pseudonym})",
                [
                    f"A colleague has nominated you in their place. {_invitation_lines(event)[0]}",
                    *_invitation_lines(event)[1:],
                ],
                token=token_for_colleague,
            ),
        )
    )
    return colleague


def _remind(invitation: EventInvitation, token: str) -> None:
    event = invitation.event
    _send(
        invitation,
        f"Reminder: learning event for {event.review.reference} ({event.review.pseudonym})",
        ["We have not had your reply yet.", *_invitation_lines(event)],
        token=token,
    )


def send_reminders(today: date | None = None) -> int:
    """A fresh link to everyone who has not replied to an event in the next week, at most once a day
    (the old link stops working). Returns how many were sent."""
    today = today or timezone.localdate()
    now = timezone.now()
    soon = now + timedelta(days=REMIND_DAYS_BEFORE)
    waiting = (
        EventInvitation.objects.filter(
            reply=Reply.AWAITING,
            event__status=EventStatus.PLANNED,
            event__starts_at__gt=now,
            event__starts_at__lte=soon,
        )
        .exclude(last_reminded_on=today)
        .select_related("event__review")
    )
    sent = 0
    for invitation in waiting:
        with transaction.atomic():
            claimed = (
                EventInvitation.objects.filter(pk=invitation.pk, reply=Reply.AWAITING)
                .exclude(last_reminded_on=today)
                .update(last_reminded_on=today, reminder_count=invitation.reminder_count + 1)
            )
            if not claimed:
                continue
            token = _issue(invitation)
            record(Action.UPDATE, obj=invitation, detail=f"reminder {invitation.reminder_count + 1} sent")
            transaction.on_commit(partial(_remind, invitation, token))
        sent += 1
    return sent


@transaction.atomic
def record_attendance(actor: Person, event: LearningEvent, present: set[int]) -> int:
    """The register, on or after the day: who came (invitations not ticked are recorded as absent)."""
    if not permissions.is_event_team(actor, event):
        raise PermissionDenied
    if event.is_cancelled:
        raise ValidationError("The event was cancelled")
    if timezone.localdate(event.starts_at) > timezone.localdate():
        raise ValidationError("The register can be kept from the day of the event")
    invitations = event.invitations.exclude(reply__in=[Reply.NOMINATED])
    known = set(invitations.values_list("pk", flat=True))
    if present - known:
        raise ValidationError("Choose people from the list")
    invitations.filter(pk__in=present).update(attended=True)
    invitations.exclude(pk__in=present).update(attended=False)
    record(Action.UPDATE, person=actor, obj=event, detail=f"register: {len(present)} attended")
    return len(present)
