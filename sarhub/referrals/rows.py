"""Rows of the referral pages' tables, built in Python (the template loops were most of the pages' time;
docs/performance.md). Every value is escaped."""

from __future__ import annotations

from typing import Any

from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from sarhub.core.html import esc
from sarhub.core.links import url_maker
from sarhub.core.prepared import Prepared
from sarhub.referrals.models import REQUEST_STATUS_LABELS, STATUS_LABELS, RequestStatus, ScopingRequest, Source

SOURCE_LABELS = {value: str(label) for value, label in Source.choices}


def list_rows(referrals: Any) -> SafeString:
    """Rows of the referral list (a page of referrals()), built in Python."""
    items = list(referrals)
    if not items:
        return mark_safe(
            '<tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No referrals.</td></tr>'
        )
    link = url_maker("referrals:detail")
    out = []
    for referral in items:
        out.append(
            '<tr class="govuk-table__row">'
            f'<td class="govuk-table__cell"><a class="govuk-link" href="{link(referral.pk)}">{esc(referral.reference)}</a></td>'
            f'<td class="govuk-table__cell">{timezone.localdate(referral.received_at):%-d %b %Y}</td>'
            f'<td class="govuk-table__cell">{esc(SOURCE_LABELS.get(referral.source, referral.source))}</td>'
            '<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--blue">'
            f"{esc(STATUS_LABELS.get(referral.status, referral.status))}</strong></td></tr>"
        )
    return mark_safe("".join(out))  # noqa: S308 (every value escaped)


SCOPING_OF = Prepared(
    lambda referral_id: (
        ScopingRequest.objects.filter(referral_id=referral_id)
        .order_by("agency__name", "id")
        .values_list("id", "agency__name", "due_on", "status")
    )
)


def scoping_rows(request: Any, referral: Any, *, can_manage: bool) -> SafeString:
    """The referral page's scoping requests: agency, due date, status, and a withdraw button."""
    link = url_maker("referrals:request")
    withdraw = url_maker("referrals:request-withdraw")
    token = esc(get_token(request)) if can_manage else ""
    today = timezone.localdate()
    out = []
    for pk, agency_name, due_on, status in SCOPING_OF.rows(referral.pk):
        agency = esc(agency_name)
        if status == RequestStatus.REQUESTED and due_on < today:
            tag = '<strong class="govuk-tag govuk-tag--red">Overdue</strong>'
        else:
            label = esc(REQUEST_STATUS_LABELS.get(status, status))
            tag = f'<strong class="govuk-tag govuk-tag--blue">{label}</strong>'
        action = ""
        if can_manage and status == RequestStatus.REQUESTED:
            action = (
                f'<form method="post" action="{withdraw(pk)}">'
                f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
                '<button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" '
                f'data-module="govuk-button">Withdraw<span class="govuk-visually-hidden"> request to {agency}</span>'
                "</button></form>"
            )
        out.append(
            '<tr class="govuk-table__row">'
            f'<td class="govuk-table__cell"><a class="govuk-link" href="{link(pk)}">{agency}</a></td>'
            f'<td class="govuk-table__cell">{due_on:%-d %b %Y}</td>'
            f'<td class="govuk-table__cell">{tag}</td><td class="govuk-table__cell">{action}</td></tr>'
        )
    return mark_safe("".join(out))  # noqa: S308 (every value escaped)
