"""Referrals: the public form, the professional form, a referrer's own list, and the business unit's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import request_context
from sarhub.core.access import actor, public, requires
from sarhub.documents import permissions as document_permissions
from sarhub.documents.selectors import documents_for
from sarhub.referrals import permissions, selectors, services
from sarhub.referrals.forms import ProfessionalReferralForm, PublicReferralForm
from sarhub.referrals.models import Source, Status
from sarhub.referrals.permissions import can_make_referral, can_view_referrals

PAGE_SIZE = 25
RECEIVED = "sarhub_referral_received"


def _over_public_limit(request: HttpRequest) -> bool:
    """At most PUBLIC_REFERRALS_PER_HOUR submissions from one address."""
    ip = request_context.current().ip or "unknown"
    key = f"referrals:public:{ip}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, 3600)
        count = 1
    return count > settings.PUBLIC_REFERRALS_PER_HOUR


@public
@require_http_methods(["GET", "POST"])
def public_referral(request: HttpRequest) -> HttpResponse:
    form = PublicReferralForm(request.POST or None)
    if request.method == "POST":
        if _over_public_limit(request):
            return render(request, "referrals/too_many.html", status=429)
        if form.is_valid():
            if form.is_spam:
                return render(request, "errors/400.html", status=400)
            referral = services.make_referral(form.cleaned_data, source=Source.PUBLIC)
            request.session[RECEIVED] = referral.reference
            return redirect("referrals:public-received")
    return render(request, "referrals/public_form.html", {"form": form})


@public
@require_GET
def public_received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(RECEIVED)
    if not reference:
        return redirect("referrals:public-form")
    return render(request, "referrals/received.html", {"reference": reference, "professional": False})


@requires(can_make_referral)
@require_http_methods(["GET", "POST"])
def professional_referral(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    form = ProfessionalReferralForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = {
            **form.cleaned_data,
            "referrer_name": person.full_name,
            "referrer_email": person.email,
        }
        referral = services.make_referral(data, source=Source.PROFESSIONAL, referred_by=person)
        request.session[RECEIVED] = referral.reference
        return redirect("referrals:received")
    return render(request, "referrals/professional_form.html", {"form": form})


@requires(can_make_referral)
@require_GET
def received(request: HttpRequest) -> HttpResponse:
    reference = request.session.get(RECEIVED)
    if not reference:
        return redirect("referrals:mine")
    return render(request, "referrals/received.html", {"reference": reference, "professional": True})


@requires(can_make_referral)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.my_referrals(actor(request)), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "referrals/mine.html", {"page": page})


@requires(can_view_referrals)
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    page = Paginator(selectors.referrals(actor(request), status=status), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "referrals/list.html",
        {"page": page, "status": status, "statuses": Status.choices, "query": f"status={status}" if status else ""},
    )


@requires(can_view_referrals)
@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    record(Action.VIEW, person=actor(request), obj=referral)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "abuse_types": list(referral.abuse_types.all()),
            "agencies": list(referral.agencies.all()),
            "documents": documents_for(actor(request), referral),
            "can_add_documents": document_permissions.can_add(actor(request), referral),
            "add_document_url": reverse("documents:add", args=["referrals.referral", referral.pk]),
        },
    )
