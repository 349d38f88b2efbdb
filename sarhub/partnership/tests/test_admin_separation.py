"""The administration site cannot grant power or take over an account (issue 13, items 4 and 5).

A system administrator looks after configuration. They cannot give anyone (themselves included) a role,
add or change anyone's second factor, or change anyone's email address or password there: roles go
through the partnership screens (with a second person for the powerful ones), and a person's email,
password and second factor through their own account.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sarhub.core.roles import Role
from sarhub.partnership.models import Membership, Person
from tests.pages import browse_as

# Models whose rows grant power or stand for a person's identity: never added, changed or deleted in the admin.
GUARDED = [Person, Membership, TOTPDevice, StaticDevice, StaticToken, Group, Permission]


def _change_url(person: Person) -> str:
    return f"/admin/partnership/person/{person.pk}/change/"


def _csrf(page: Any) -> str:
    """The CSRF token the admin's pages carry (every admin page has the sign-out form)."""
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found
    return found.group(1)


def _person_post(person: Person, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "email": person.email,
        "full_name": person.full_name,
        "job_title": person.job_title,
        "is_active": "on",
        "memberships-TOTAL_FORMS": "1",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
        "memberships-0-role": Role.BUSINESS_UNIT_MANAGER.value,
        "memberships-0-agency": "",
        "memberships-0-ended_at_0": "",
        "memberships-0-ended_at_1": "",
        "memberships-0-person": str(person.pk),
        "_save": "Save",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_admin_cannot_give_itself_a_business_unit_role(personas):
    admin_person = personas["sysadmin"]
    browser = browse_as(admin_person)
    page = browser.get(_change_url(admin_person))
    assert 'name="memberships-0-role"' not in page.text, "the roles are shown, not editable"
    assert 'name="memberships-1-role"' not in page.text, "no empty row to add a role"
    assert not [f for f in page.forms.values() if "_save" in f.fields], "no Save button on a person"
    # Hostile: the inline form a Django admin would have drawn, posted by hand.
    response = browser.post(
        _change_url(admin_person),
        {**_person_post(admin_person), "csrfmiddlewaretoken": _csrf(page)},
        expect_errors=True,
    )
    assert response.status_code == 403
    assert set(Membership.objects.filter(person=admin_person).values_list("role", flat=True)) == {
        Role.SYSTEM_ADMINISTRATOR
    }


@pytest.mark.django_db
def test_the_admin_cannot_change_the_chairs_email(personas):
    admin_person, chair = personas["sysadmin"], personas["chair"]
    browser = browse_as(admin_person)
    page = browser.get(_change_url(chair))
    assert 'name="email"' not in page.text
    # Hostile: the change the admin form used to accept, posted by hand.
    response = browser.post(
        _change_url(chair),
        {**_person_post(chair, email="taken.over@example.invalid"), "csrfmiddlewaretoken": _csrf(page)},
        expect_errors=True,
    )
    assert response.status_code == 403
    chair.refresh_from_db()
    assert chair.email == "chair@testshire.example.org"


@pytest.mark.django_db
def test_the_admin_cannot_set_the_chairs_password(personas):
    admin_person, chair = personas["sysadmin"], personas["chair"]
    before = Person.objects.get(pk=chair.pk).password
    browser = browse_as(admin_person)
    assert browser.get(f"/admin/partnership/person/{chair.pk}/password/", expect_errors=True).status_code in (
        302,
        404,
    )
    assert Person.objects.get(pk=chair.pk).password == before


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/admin/otp_static/staticdevice/add/", "/admin/otp_totp/totpdevice/add/"])
def test_the_admin_cannot_add_a_second_factor_for_the_chair(personas, url):
    admin_person, chair = personas["sysadmin"], personas["chair"]
    browser = browse_as(admin_person)
    assert browser.get(url, expect_errors=True).status_code == 403
    # Hostile: a backup-code device with a chosen code, posted by hand.
    response = browser.post(
        url,
        {
            "user": str(chair.pk),
            "name": "backup",
            "confirmed": "on",
            "key": "3132333435363738393031323334353637383930",
            "token_set-TOTAL_FORMS": "1",
            "token_set-INITIAL_FORMS": "0",
            "token_set-0-token": "12345678",
            "csrfmiddlewaretoken": _csrf(browser.get("/admin/")),
        },
        expect_errors=True,
    )
    assert response.status_code == 403
    assert not StaticDevice.objects.filter(user=chair).exists()
    assert not StaticToken.objects.filter(device__user=chair).exists()
    assert TOTPDevice.objects.filter(user=chair).count() == 0


@pytest.mark.django_db
def test_the_admin_cannot_change_the_chairs_existing_second_factor(personas):
    admin_person, chair = personas["sysadmin"], personas["chair"]
    device = StaticDevice.objects.create(user=chair, name="Backup codes", confirmed=True)
    device.token_set.create(token="kept1234")
    browser = browse_as(admin_person)
    url = f"/admin/otp_static/staticdevice/{device.pk}/change/"
    page = browser.get(url, expect_errors=True)
    assert page.status_code in (200, 404)
    assert "kept1234" not in page.text
    response = browser.post(
        url,
        {  # Hostile: a chosen code added to the chair's backup codes, posted by hand.
            "user": str(chair.pk),
            "name": "Backup codes",
            "confirmed": "on",
            "token_set-TOTAL_FORMS": "1",
            "token_set-INITIAL_FORMS": "0",
            "token_set-0-token": "chosen12",
            "csrfmiddlewaretoken": _csrf(browser.get("/admin/")),
        },
        expect_errors=True,
    )
    assert response.status_code == 403
    assert list(StaticToken.objects.filter(device=device).values_list("token", flat=True)) == ["kept1234"]


@pytest.mark.django_db
def test_no_admin_can_add_change_or_delete_what_grants_power(rf, personas):
    request = rf.get("/admin/")
    request.user = personas["sysadmin"]
    for model in GUARDED:
        model_admin = admin.site._registry.get(model)
        if model_admin is None:
            continue  # not in the admin at all
        assert not model_admin.has_add_permission(request), model
        assert not model_admin.has_change_permission(request), model
        assert not model_admin.has_delete_permission(request), model
    for model_admin in admin.site._registry.values():
        for inline in model_admin.inlines:
            if inline.model in GUARDED:
                instance = inline(model_admin.model, admin.site)
                assert not instance.has_add_permission(request, None), inline
                assert not instance.has_change_permission(request, None), inline


@pytest.mark.django_db
def test_a_change_through_the_admin_is_audited_with_the_fields_it_changed(personas):
    from sarhub.audit.models import AuditEvent
    from sarhub.partnership.models import Board
    from tests.pages import press

    board = Board.objects.get()
    page = browse_as(personas["sysadmin"]).get(f"/admin/partnership/board/{board.pk}/change/")
    press(page, "Save", name="Testshire Safeguarding Adults Partnership Board", website=board.website)
    event = AuditEvent.objects.filter(object_type="partnership.board").latest("pk")
    assert event.detail.startswith("through the administration site; changed: ")
    assert "Name" in event.detail
    assert "Testshire Safeguarding" not in event.detail  # names of fields, never their values
