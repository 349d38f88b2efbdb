"""A line break in a one-line field (which may reach an email subject) is refused, never saved; a subject
that reaches `tell` anyway is sent on one line."""

from __future__ import annotations

import pytest
from django import forms
from django.core import mail

from sarhub.core.forms import GovukForm
from sarhub.partnership.notify import tell
from sarhub.reviews.models import Review
from tests.builders import decided_referral
from tests.pages import browse_as, error_summary, field_error, press

BREAKS = ["\r\n", "\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]


@pytest.mark.django_db
def test_a_pseudonym_with_a_line_break_is_refused_and_nothing_is_saved(personas):
    referral = decided_referral(personas)
    page = browse_as(personas["bu_manager"]).get(f"/referrals/{referral.pk}/review/new/")
    refused = press(page, "Set up review", route="rapid", pseudonym="Adult A\r\nBcc: someone@example.org")
    assert refused.status_code == 200
    assert error_summary(refused) == ["Pseudonym for the adult must be on one line"]
    assert field_error(refused, "pseudonym") == "Pseudonym for the adult must be on one line"
    assert not Review.objects.exists()


class _Example(GovukForm):
    title = forms.CharField(label="Event title")
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


@pytest.mark.parametrize("line_break", BREAKS)
def test_every_single_line_field_refuses_each_kind_of_line_break(line_break: str) -> None:
    form = _Example(data={"title": f"Learning{line_break}event", "notes": f"one{line_break}two"})
    assert not form.is_valid()
    assert form.errors == {"title": ["Event title must be on one line"]}  # the text area keeps its lines


def test_tell_sends_a_subject_on_one_line(db: None) -> None:
    tell(
        ["someone@example.org"],
        subject="Review SAR-2026-001 (Adult A\r\nBcc: other@example.org)\u2028updated",
        lines=["A fictional update."],
        path="/reviews/",
        purpose="test",
    )
    assert len(mail.outbox) == 1
    subject = mail.outbox[0].subject
    assert not any(ch in subject for ch in BREAKS)
    assert subject == "Review SAR-2026-001 (Adult A Bcc: other@example.org) updated"
    assert mail.outbox[0].bcc == []
