"""Records that may have lost answers to a "tick all that apply" question are listed for the Board."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.audit.single_answers import MULTIPLE_CHOICE_FIELDS
from sarhub.core import request_context
from sarhub.core.models import MULTIPLE_CHOICE_FIXED, Milestone
from sarhub.partnership.models import Agency
from sarhub.taxonomy.models import AbuseType
from tests.factories import SAMPLE_ADULT_NAME, make_sample_referral

pytestmark = pytest.mark.django_db


def _saved_through_a_page(person, referral) -> None:
    """What a page's save leaves in the audit log: an event carrying the request's id."""
    token = request_context.set_current(request_context.RequestContext(request_id="req-test-1", ip="127.0.0.1"))
    try:
        record(Action.UPDATE, person=person, obj=referral)
    finally:
        request_context.reset(token)


def _listed() -> str:
    out = StringIO()
    call_command("list_single_answers", stdout=out)
    return out.getvalue()


def test_the_fix_is_recorded_when_it_is_installed():
    assert Milestone.objects.filter(key=MULTIPLE_CHOICE_FIXED).exists()


def test_records_saved_through_a_page_before_the_fix_with_one_answer_are_listed(personas):
    abuse = [a.pk for a in AbuseType.objects.active()[:2]]
    agencies = list(Agency.objects.filter(is_active=True)[:2])
    cut_short = make_sample_referral()
    cut_short.abuse_types.set(abuse[:1])
    cut_short.agencies.set(agencies)
    whole = make_sample_referral()
    whole.abuse_types.set(abuse)
    whole.agencies.set(agencies)
    scripted = make_sample_referral()  # one answer, but never saved through a page
    scripted.abuse_types.set(abuse[:1])
    for referral in (cut_short, whole):
        _saved_through_a_page(personas["bu_manager"], referral)

    # Saved after the fix was installed: nothing to check.
    assert "No record saved through a page before" in _listed()

    # The same saves, had the fix been installed an hour later.
    Milestone.objects.filter(key=MULTIPLE_CHOICE_FIXED).update(reached_at=timezone.now() + timedelta(hours=1))
    listed = _listed()
    assert listed.startswith("1 record saved through a page before")
    assert f"referral {cut_short.reference}: abuse types (last saved" in listed
    assert personas["bu_manager"].email in listed
    assert whole.reference not in listed and scripted.reference not in listed
    assert SAMPLE_ADULT_NAME not in listed  # references only, never content


def test_without_a_record_of_the_fix_a_date_is_asked_for(personas):
    Milestone.objects.all().delete()
    with pytest.raises(CommandError, match="give --before"):
        _listed()
    out = StringIO()
    call_command("list_single_answers", "--before", "2999-01-01", stdout=out)
    assert "No record saved" in out.getvalue()
    with pytest.raises(CommandError, match="as a date"):
        call_command("list_single_answers", "--before", "soon")


def test_every_multiple_choice_field_a_form_sets_is_checked():
    """The list names every many-to-many field a person answers through a form (a review's referrals
    are chosen by the service, not ticked; Django's groups and permissions are not used)."""
    from django.apps import apps
    from django.db import models

    answered = {
        f"{model._meta.app_label}.{model.__name__}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("sarhub.")
        for field in model._meta.get_fields()
        if isinstance(field, models.ManyToManyField)
    } - {"reviews.Review.referrals", "partnership.Person.groups", "partnership.Person.user_permissions"}
    listed = {f"{label}.{field}" for label, fields in MULTIPLE_CHOICE_FIELDS.items() for field in fields}
    assert listed == answered
