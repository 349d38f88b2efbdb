"""Nobody grants a powerful role alone (issue 13, item 6).

The attack: the business unit manager gives the independent chair role to the coordinator, who then
approves the manager's own publication proposal. Now a powerful role (independent chair, business unit
manager, system administrator) waits until a different person allowed to grant it confirms; the holder
and the Board's other powerful-role holders are emailed; and a chair whose role the proposer granted or
confirmed in the last 30 days cannot approve that proposer's proposal.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.accounts.middleware import SECOND_FACTOR_AT
from sarhub.audit.models import AuditEvent
from sarhub.core.roles import Role
from sarhub.partnership import services
from sarhub.partnership.models import Membership, RoleGrant, RoleGrantStatus
from sarhub.publication import services as publication
from sarhub.publication.models import Form, Status
from tests.builders import signed_off_review
from tests.pages import banner, browse_as, form_with, press


def _recipients() -> list[str]:
    assert all(len(message.recipients()) == 1 for message in mail.outbox), "one recipient per email"
    return sorted(message.to[0] for message in mail.outbox)


def _propose_chair_through_the_page(manager, coordinator):  # type: ignore[no-untyped-def]
    page = browse_as(manager).get(reverse("partnership:role-add", args=[coordinator.pk]))
    return press(page, "Give role", role=Role.INDEPENDENT_CHAIR.value)


@pytest.mark.django_db(transaction=False)
def test_the_manager_cannot_make_the_coordinator_chair_alone(personas):
    manager, coordinator = personas["bu_manager"], personas["bu_coordinator"]
    done = _propose_chair_through_the_page(manager, coordinator)
    assert banner(done.follow()) == (
        "The role independent chair for Persona bu_coordinator is waiting for a second person to confirm it. "
        "It does not work until then."
    )
    assert not coordinator.memberships.filter(role=Role.INDEPENDENT_CHAIR).exists()
    grant = RoleGrant.objects.get(person=coordinator, role=Role.INDEPENDENT_CHAIR)
    assert (grant.status, grant.proposed_by) == (RoleGrantStatus.PENDING, manager)
    # The holder and the Board's other powerful-role holders are told, one email each.
    assert _recipients() == sorted([coordinator.email, personas["chair"].email, personas["sysadmin"].email])
    assert all("independent chair" in message.body for message in mail.outbox)
    assert all(coordinator.full_name not in message.subject for message in mail.outbox)

    # The proposer is not offered a confirmation, and a tampered one is refused.
    page = browse_as(manager).get(reverse("partnership:person-detail", args=[coordinator.pk]))
    assert "Confirm" not in [b.text.strip() for b in page.html.find_all("button")]
    with pytest.raises(ValidationError) as error:
        services.confirm_role_grant(manager, grant)
    assert "You proposed this role" in error.value.messages[0]
    assert not coordinator.memberships.filter(role=Role.INDEPENDENT_CHAIR).exists()


@pytest.mark.django_db
def test_a_second_person_confirms_the_role_and_everyone_is_told(personas):
    manager, coordinator, admin = personas["bu_manager"], personas["bu_coordinator"], personas["sysadmin"]
    _propose_chair_through_the_page(manager, coordinator)
    mail.outbox.clear()
    page = browse_as(admin).get(reverse("partnership:person-detail", args=[coordinator.pk]))
    done = form_with(page, "Confirm").submit().follow()
    assert banner(done) == "Persona bu_coordinator now has the role independent chair."
    membership = coordinator.memberships.get(role=Role.INDEPENDENT_CHAIR, ended_at__isnull=True)
    assert (membership.granted_by, membership.confirmed_by) == (manager, admin)
    assert membership.confirmed_at is not None
    assert _recipients() == sorted([coordinator.email, personas["chair"].email, manager.email])
    event = AuditEvent.objects.filter(object_type="partnership.membership", object_id=str(membership.pk)).get()
    assert event.person == admin
    assert "roles: bu_coordinator -> bu_coordinator,independent_chair" in event.detail


@pytest.mark.django_db
def test_confirming_a_powerful_role_asks_for_a_fresh_security_code_first(personas):
    manager, coordinator, admin = personas["bu_manager"], personas["bu_coordinator"], personas["sysadmin"]
    _propose_chair_through_the_page(manager, coordinator)
    browser = browse_as(admin)
    page = browser.get(reverse("partnership:person-detail", args=[coordinator.pk]))
    session = browser.session
    session[SECOND_FACTOR_AT] = (timezone.now() - timedelta(minutes=6)).isoformat()  # past the 5-minute window
    session.save()

    asked = form_with(page, "Confirm").submit()

    assert asked.status_code == 302 and asked["Location"].startswith(reverse("accounts:step-up"))
    assert not coordinator.memberships.filter(role=Role.INDEPENDENT_CHAIR).exists()  # nothing given yet
    device = TOTPDevice.objects.get(user=admin, confirmed=True)
    code = f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"
    done = press(asked.follow(), "Continue", otp_token=code).follow()
    assert banner(done) == "Persona bu_coordinator now has the role independent chair."
    assert coordinator.memberships.get(role=Role.INDEPENDENT_CHAIR, ended_at__isnull=True).confirmed_by == admin


@pytest.mark.django_db
def test_a_proposed_role_waits_in_the_tasks_of_those_who_may_confirm_it_only(personas):
    manager, coordinator, admin = personas["bu_manager"], personas["bu_coordinator"], personas["sysadmin"]
    _propose_chair_through_the_page(manager, coordinator)
    heading = "Roles waiting for a second person to confirm"

    tasks = browse_as(admin).get(reverse("workspace:tasks"))
    group = next(h for h in tasks.html.find_all("h2") if h.get_text(strip=True) == heading).find_next("ul")
    [link] = group.find_all("a")
    assert link.get_text(" ", strip=True) == "Persona bu_coordinator: independent chair"
    assert link["href"] == reverse("partnership:person-detail", args=[coordinator.pk]) + "#pending-roles"
    # Neither the proposer nor the person proposed is asked to confirm it.
    for person in (manager, coordinator):
        assert heading not in browse_as(person).get(reverse("workspace:tasks")).text
    # Once confirmed, the task is gone.
    services.confirm_role_grant(admin, RoleGrant.objects.get(person=coordinator))
    assert heading not in browse_as(admin).get(reverse("workspace:tasks")).text


@pytest.mark.django_db
def test_the_person_proposed_cannot_confirm_their_own_role(personas):
    manager, coordinator = personas["bu_manager"], personas["bu_coordinator"]
    grant = services.grant_role(manager, coordinator, Role.BUSINESS_UNIT_MANAGER, None)
    assert isinstance(grant, RoleGrant)
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied or ValidationError: either way, refused
        services.confirm_role_grant(coordinator, grant)
    assert not coordinator.memberships.filter(role=Role.BUSINESS_UNIT_MANAGER).exists()


@pytest.mark.django_db
def test_a_declined_proposal_grants_nothing(personas):
    manager, coordinator, admin = personas["bu_manager"], personas["bu_coordinator"], personas["sysadmin"]
    grant = services.grant_role(manager, coordinator, Role.INDEPENDENT_CHAIR, None)
    assert isinstance(grant, RoleGrant)
    services.decline_role_grant(admin, grant)
    grant.refresh_from_db()
    assert (grant.status, grant.decided_by) == (RoleGrantStatus.DECLINED, admin)
    assert not coordinator.memberships.filter(role=Role.INDEPENDENT_CHAIR).exists()
    with pytest.raises(ValidationError):
        services.confirm_role_grant(admin, grant)


@pytest.mark.django_db
def test_an_ordinary_role_is_still_given_at_once_with_its_before_and_after_audited(personas):
    manager, coordinator = personas["bu_manager"], personas["bu_coordinator"]
    membership = services.grant_role(manager, coordinator, Role.BOARD_MEMBER, None)
    assert isinstance(membership, Membership)
    event = AuditEvent.objects.get(object_type="partnership.membership", object_id=str(membership.pk))
    assert "roles: bu_coordinator -> board_member,bu_coordinator" in event.detail
    services.end_membership(manager, membership)
    ended = AuditEvent.objects.filter(object_type="partnership.membership").latest("pk")
    assert "roles: board_member,bu_coordinator -> bu_coordinator" in ended.detail


@pytest.mark.django_db
def test_a_chair_made_by_the_proposer_cannot_approve_the_proposers_proposal(personas):
    manager, coordinator, admin = personas["bu_manager"], personas["bu_coordinator"], personas["sysadmin"]
    grant = services.grant_role(manager, coordinator, Role.INDEPENDENT_CHAIR, None)
    assert isinstance(grant, RoleGrant)
    services.confirm_role_grant(admin, grant)
    review = signed_off_review(personas, pseudonym="Adult R")
    proposal = publication.propose(manager, review, {"form": Form.FULL_REPORT, "summary": "Adult R's review."})
    fresh = type(coordinator).objects.get(pk=coordinator.pk)
    with pytest.raises(ValidationError) as error:
        publication.approve(fresh, proposal)
    assert error.value.messages[0] == (
        "Your independent chair role was given by the person who proposed this less than 30 days ago: "
        "another chair must approve it"
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.PROPOSED
    # The Board's long-standing chair can.
    publication.approve(personas["chair"], proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED


@pytest.mark.django_db
def test_a_chair_confirmed_by_the_proposer_cannot_approve_either_until_30_days_have_passed(personas):
    manager, coordinator, admin = personas["bu_manager"], personas["bu_coordinator"], personas["sysadmin"]
    grant = services.grant_role(admin, coordinator, Role.INDEPENDENT_CHAIR, None)
    assert isinstance(grant, RoleGrant)
    services.confirm_role_grant(manager, grant)
    review = signed_off_review(personas, pseudonym="Adult R")
    proposal = publication.propose(manager, review, {"form": Form.FULL_REPORT, "summary": "Adult R's review."})
    fresh = type(coordinator).objects.get(pk=coordinator.pk)
    with pytest.raises(ValidationError) as error:
        publication.approve(fresh, proposal)
    assert "was confirmed by the person who proposed this" in error.value.messages[0]
    # 31 days later the rule no longer applies (the membership's dates are what the rule reads).
    Membership.objects.filter(person=coordinator, role=Role.INDEPENDENT_CHAIR).update(
        granted_at=timezone.now() - timedelta(days=31), confirmed_at=timezone.now() - timedelta(days=31)
    )
    publication.approve(type(coordinator).objects.get(pk=coordinator.pk), proposal)
    proposal.refresh_from_db()
    assert proposal.status == Status.APPROVED
