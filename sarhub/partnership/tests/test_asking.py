from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sarhub.partnership import asking
from sarhub.partnership.models import Person
from sarhub.referrals.models import RequestStatus, ScopingRequest
from sarhub.reviews.models import AgencyRequest, AgencyRequestStatus

MAUNDY_THURSDAY = date(2025, 4, 17)  # Good Friday (18 April) and Easter Monday (21 April) are bank holidays


def test_an_answer_is_due_in_working_days_past_weekends_and_bank_holidays():
    assert asking.due_date(1, MAUNDY_THURSDAY) == date(2025, 4, 22)
    assert asking.due_date(0, MAUNDY_THURSDAY) == MAUNDY_THURSDAY


@pytest.mark.parametrize(
    ("model", "waiting", "answered"),
    [
        (ScopingRequest, RequestStatus.REQUESTED, RequestStatus.ANSWERED),
        (AgencyRequest, AgencyRequestStatus.REQUESTED, AgencyRequestStatus.SUBMITTED),
    ],
)
def test_both_requests_share_the_fields_and_the_waiting_and_overdue_rules(model, waiting, answered):
    yesterday = timezone.localdate() - timedelta(days=1)
    assert {f.name for f in model._meta.fields} >= {
        "agency",
        "status",
        "note",
        "requested_by",
        "requested_at",
        "due_on",
        "last_reminded_on",
        "reminder_count",
    }
    assert model._meta.ordering == ["due_on", "id"]
    late = model(status=waiting, due_on=yesterday)
    assert late.is_waiting and late.is_overdue
    assert not model(status=waiting, due_on=timezone.localdate()).is_overdue
    assert not model(status=answered, due_on=yesterday).is_overdue


def test_an_answer_is_taken_once_only():
    lead = Person(email="lead@example.org")
    scoping = ScopingRequest(status=RequestStatus.REQUESTED, due_on=timezone.localdate())
    fields = asking.take_answer(scoping, lead, status=RequestStatus.ANSWERED, by="answered_by", at="answered_at")
    assert fields == ["status", "answered_by", "answered_at"]
    assert scoping.status == RequestStatus.ANSWERED and scoping.answered_by is lead
    assert scoping.answered_at is not None and not scoping.is_waiting
    with pytest.raises(ValidationError, match="already been answered or withdrawn"):
        asking.take_answer(scoping, lead, status=RequestStatus.ANSWERED, by="answered_by", at="answered_at")
