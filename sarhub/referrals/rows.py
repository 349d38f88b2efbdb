"""Rows of the referral pages' tables, built in Python (the template loops were most of the pages' time;
docs/performance.md) from the GOV.UK component kit (sarhub/core/components.py), which escapes every value."""

from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString

from sarhub.core.components import button_form, empty_row, link, table_row, tag
from sarhub.core.links import url_maker
from sarhub.core.prepared import Prepared
from sarhub.referrals.models import REQUEST_STATUS_LABELS, STATUS_LABELS, RequestStatus, ScopingRequest, Source

SOURCE_LABELS = {value: str(label) for value, label in Source.choices}


def list_rows(referrals: Any) -> SafeString:
    """Rows of the referral list (a page of referrals()), built in Python."""
    items = list(referrals)
    if not items:
        return empty_row("No referrals.", 4)
    link_to = url_maker("referrals:detail")
    return SafeString(
        "".join(
            table_row(
                link(link_to(referral.pk), referral.reference),
                f"{timezone.localdate(referral.received_at):%-d %b %Y}",
                SOURCE_LABELS.get(referral.source, referral.source),
                tag(STATUS_LABELS.get(referral.status, referral.status), "blue"),
            )
            for referral in items
        )
    )


SCOPING_OF = Prepared(
    lambda referral_id: (
        ScopingRequest.objects.filter(referral_id=referral_id)
        .order_by("agency__name", "id")
        .values_list("id", "agency__name", "due_on", "status")
    )
)


def scoping_rows(request: Any, referral: Any, *, can_manage: bool) -> SafeString:
    """The referral page's scoping requests: agency, due date, status, and a withdraw button."""
    link_to = url_maker("referrals:request")
    withdraw = url_maker("referrals:request-withdraw")
    token = get_token(request) if can_manage else ""
    today = timezone.localdate()
    out = []
    for pk, agency_name, due_on, status in SCOPING_OF.rows(referral.pk):
        if status == RequestStatus.REQUESTED and due_on < today:
            status_html = tag("Overdue", "red")
        else:
            status_html = tag(REQUEST_STATUS_LABELS.get(status, status), "blue")
        action = ""
        if can_manage and status == RequestStatus.REQUESTED:
            action = button_form(withdraw(pk), token, "Withdraw", f" request to {agency_name}")
        out.append(table_row(link(link_to(pk), agency_name), f"{due_on:%-d %b %Y}", status_html, action))
    return SafeString("".join(out))
