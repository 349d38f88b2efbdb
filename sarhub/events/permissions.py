"""Who may plan, see and run a learning event. The only place these rules live.

- The event's team: the business unit, the review's lead reviewers and the event's facilitators. Only
  they see who else is invited, the register and the sign-in sheet.
- Planning (setting up, changing, cancelling, inviting): the business unit and the review's lead
  reviewers; a facilitator may invite and keep the register.
- An agency safeguarding lead may nominate people from their own agency to an event of a review their
  agency is involved in, and sees the event's details and whom they nominated, no one else.
- An invitee sees the event's details, the ground rules and their own reply, and may change their reply
  until the event starts.
- Who may take part: facilitators are the review's lead reviewers and panel members and the business
  unit; people invited (or nominated) from an agency are its practitioners and line managers, chosen from
  a list. Only someone without an account is named by email, and is invited to make one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404

from sarhub.core.roles import BUSINESS_UNIT_ROLES, Role
from sarhub.events.models import LearningEvent
from sarhub.partnership.models import Agency, Membership, Person
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews.models import Review

# Who may turn a learning event's proposal into an action is the action plan's rule: the actions app,
# which stands above events, registers it when ready (`set_action_rule`); until then no one may.
_action_rule: list[Callable[[Any], bool]] = []


def set_action_rule(rule: Callable[[Any], bool]) -> None:
    _action_rule[:] = [rule]


def can_add_action(user: Any) -> bool:
    return bool(_action_rule) and _action_rule[0](user)


def _active(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_plan(user: Any, review: Review) -> bool:
    return review_permissions.can_manage_reviews(user) or review.pk in (
        user.review_ids_for(Role.LEAD_REVIEWER) if _active(user) else set()
    )


def is_facilitator(user: Any, event: LearningEvent) -> bool:
    return _active(user) and event.facilitators.filter(pk=user.pk).exists()


def is_event_team(user: Any, event: LearningEvent) -> bool:
    return can_plan(user, event.review) or is_facilitator(user, event)


def lead_agency_ids(user: Any) -> set[int]:
    return review_permissions.lead_agency_ids(user)


def can_nominate(user: Any, event: LearningEvent) -> bool:
    agencies = lead_agency_ids(user)
    return bool(agencies) and review_permissions.involved_review_ids(user).filter(pk=event.review_id).exists()


def own_invitation(user: Any, event: LearningEvent) -> Any:
    """This person's invitation to the event, read once per event object (a page asks several times)."""
    if not _active(user):
        return None
    cache: dict[int, Any] = event.__dict__.setdefault("_own_invitations", {})
    if user.pk not in cache:
        cache[user.pk] = event.invitations.filter(person=user).first()
    return cache[user.pk]


def can_see_event(user: Any, event: LearningEvent) -> bool:
    return is_event_team(user, event) or can_nominate(user, event) or own_invitation(user, event) is not None


def access_event(user: Any, event_id: Any) -> LearningEvent:
    """An event this person may see; 404 for missing and forbidden alike."""
    try:
        event = LearningEvent.objects.select_related("review").get(pk=int(event_id))
    except (LearningEvent.DoesNotExist, TypeError, ValueError, OverflowError):
        raise Http404 from None
    if not can_see_event(user, event):
        raise Http404
    return event


def access_event_for_team(user: Any, event_id: Any) -> LearningEvent:
    event = access_event(user, event_id)
    if not is_event_team(user, event):
        raise Http404
    return event


def access_event_for_planning(user: Any, event_id: Any) -> LearningEvent:
    event = access_event(user, event_id)
    if not can_plan(user, event.review):
        raise Http404
    return event


def can_list_events(user: Any, review: Review) -> bool:
    return review_permissions.can_read_review(user, review)


# --- Who may take part ---------------------------------------------------------------------------------

INVITEE_ROLES = (Role.PRACTITIONER, Role.LINE_MANAGER)


def facilitator_choices(review: Review) -> Any:
    """Who may facilitate: the review's lead reviewers and panel members, and the business unit."""
    current = Membership.objects.filter(ended_at__isnull=True)
    members = current.filter(review=review, role__in=[Role.LEAD_REVIEWER, Role.PANEL_MEMBER]) | current.filter(
        role__in=BUSINESS_UNIT_ROLES
    )
    return Person.objects.filter(is_active=True, pk__in=members.values("person_id")).order_by("full_name", "pk")


def invitable_people(agency: Agency) -> Any:
    """Who may be invited from (or nominated at) an agency: its current practitioners and line managers."""
    members = Membership.objects.filter(agency=agency, ended_at__isnull=True, role__in=INVITEE_ROLES)
    return Person.objects.filter(is_active=True, pk__in=members.values("person_id")).order_by("full_name", "pk")


def invitee_role(person: Person, agency: Agency) -> str:
    """The part a person takes from an agency: practitioner if they are one there, else line manager."""
    roles = set(
        Membership.objects.filter(person=person, agency=agency, ended_at__isnull=True).values_list("role", flat=True)
    )
    return Role.PRACTITIONER if Role.PRACTITIONER in roles or Role.LINE_MANAGER not in roles else Role.LINE_MANAGER
