"""Referrals: the public form, the professional form, a referrer's own list, and the business unit's."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import request_context
from sarhub.core.access import actor, per_object, public, requires
from sarhub.core.forms import apply_errors
from sarhub.documents import permissions as document_permissions
from sarhub.documents.selectors import documents_for
from sarhub.partnership import notify
from sarhub.referrals import permissions, rows, selectors, services
from sarhub.referrals.forms import (
    CorrectionForm,
    JudgementForm,
    LetterForm,
    OutcomeForm,
    ProfessionalReferralForm,
    PublicReferralForm,
    ScopingAnswerForm,
    ScopingRequestForm,
)
from sarhub.referrals.models import Referral, ReferralCorrection, RequestStatus, Source, Status
from sarhub.referrals.permissions import (
    can_answer_scoping,
    can_decide,
    can_make_referral,
    can_manage_referrals,
    can_recommend,
    can_view_referrals,
)
from sarhub.referrals.services import decisions, screening, workflow

PAGE_SIZE = 25
RECEIVED = "sarhub_referral_received"
PUBLIC_RECEIVED = "sarhub_public_referral_received"
MISSING = "sarhub_referral_missing"


def _limit_key() -> str:
    return f"referrals:public:{request_context.current().ip or 'unknown'}"


def _over_public_limit() -> bool:
    """At most PUBLIC_REFERRALS_PER_HOUR accepted referrals from one address (corrections do not count)."""
    return int(cache.get(_limit_key(), 0)) >= settings.PUBLIC_REFERRALS_PER_HOUR


def _count_public_referral() -> None:
    key = _limit_key()
    if not cache.add(key, 1, 3600):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, 3600)


@public
@require_http_methods(["GET", "POST"])
def public_referral(request: HttpRequest) -> HttpResponse:
    form = PublicReferralForm(request.POST or None)
    if request.method == "POST":
        if form.is_spam:  # the honeypot: only automated senders fill it in
            _count_public_referral()
            return render(request, "errors/400.html", status=400)
        if _over_public_limit():
            return render(request, "referrals/too_many.html", status=429)
        if form.is_valid():
            referral = services.make_referral(form.cleaned_data, source=Source.PUBLIC)
            _count_public_referral()
            request.session[PUBLIC_RECEIVED] = referral.reference
            return redirect("referrals:public-received")
    return render(request, "referrals/public_form.html", {"form": form})


def _receipt(reference: str, *, professional: bool) -> dict[str, Any]:
    """What the confirmation page may truly say: whether the acknowledgement email went (it is sent when
    the referral is saved, before the confirmation), and whether the referrer can be told the decision."""
    found = Referral.objects.filter(reference=reference).values("acknowledged_at", "referrer_email", "referrer_phone")
    sent = found[0] if found else {"acknowledged_at": None, "referrer_email": "", "referrer_phone": ""}
    return {
        "reference": reference,
        "professional": professional,
        "acknowledged": sent["acknowledged_at"] is not None,
        "gave_email": bool(sent["referrer_email"]),
        "can_be_told": bool(sent["referrer_email"] or sent["referrer_phone"]),
    }


@public
@require_GET
def public_received(request: HttpRequest) -> HttpResponse:
    reference = request.session.pop(PUBLIC_RECEIVED, None)
    if not reference:
        return redirect("referrals:public-form")
    return render(request, "referrals/received.html", _receipt(reference, professional=False))


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
    reference = request.session.pop(RECEIVED, None)
    if not reference:
        return redirect("referrals:mine")
    return render(request, "referrals/received.html", _receipt(reference, professional=True))


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
    overdue = request.GET.get("overdue") == "1"
    qs = selectors.referrals(actor(request), status=status, overdue=overdue)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(part for part in (f"status={status}" if status else "", "overdue=1" if overdue else "") if part)
    return render(
        request,
        "referrals/list.html",
        {
            "page": page,
            "rows_html": rows.list_rows(page.object_list),
            "status": status,
            "statuses": Status.choices,
            "overdue": overdue,
            "query": query,
        },
    )


@requires(can_view_referrals)
@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    person = actor(request)
    referral = permissions.access_referral_record(person, referral_id)
    record(Action.VIEW, person=person, obj=referral)
    can_manage = can_manage_referrals(person)
    scoping = rows.scoping_rows(request, referral, can_manage=can_manage)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "abuse_types": selectors.names(selectors.ABUSE_TYPE_NAMES, referral),
            "agencies": selectors.names(selectors.AGENCY_NAMES, referral),
            "documents": documents_for(person, referral),
            "can_add_documents": document_permissions.can_add(person, referral),
            "add_document_url": reverse("documents:add", args=["referrals.referral", referral.pk]),
            "scoping_rows": scoping,
            "can_manage": can_manage,
            "missing": request.session.pop(MISSING, None),
            "can_recommend": can_recommend(person),
            "can_decide": can_decide(person),
            "decision_target_days": settings.DECISION_TARGET_DAYS,
            "reviews": [{"pk": pk, "reference": ref} for pk, ref in selectors.REVIEWS_OF.rows(referral.pk)],
            "recommendation": selectors.related_or_none(referral, "recommendation"),
            "decision": selectors.related_or_none(referral, "decision"),
            "letter": selectors.related_or_none(referral, "outcome_letter"),
            "corrections": ReferralCorrection.objects.filter(referral=referral).select_related("corrected_by"),
            "being_screened": referral.status in SCREENED,
        },
    )


SCREENED = (Status.RECEIVED, Status.SCREENING, Status.AWAITING_DECISION)


@requires(can_manage_referrals)
@require_http_methods(["GET", "POST"])
def correct(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The business unit corrects the referral's details; the previous values are kept and shown."""
    person = actor(request)
    referral = permissions.access_referral(person, referral_id)
    initial: dict[str, Any] = {field: getattr(referral, field) for field, _ in services.CORRECTABLE_FIELDS}
    initial["abuse_types"] = list(referral.abuse_types.all())
    initial["agencies"] = list(referral.agencies.all())
    form = CorrectionForm(request.POST or None, initial=initial, referral=referral)
    if request.method == "POST" and form.is_valid():
        data = {key: value for key, value in form.cleaned_data.items() if key != "reason"}
        try:
            correction = services.correct_referral(person, referral, data, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            changed = [change["label"].lower() for change in correction.changes]
            messages.success(
                request,
                f"{referral.reference} has been corrected ({', '.join(changed)}). "
                "The previous details are kept under 'Corrections'.",
            )
            return redirect("referrals:detail", referral_id=referral.pk)
    if request.method == "GET":
        record(Action.VIEW, person=person, obj=referral, detail="correction form")
    return render(request, "referrals/correct.html", {"form": form, "referral": referral})


@requires(can_manage_referrals)
@require_http_methods(["GET", "POST"])
def judgement(request: HttpRequest, referral_id: int) -> HttpResponse:
    """The business unit's judgement of section 44, during screening."""
    person = actor(request)
    referral = permissions.access_referral(person, referral_id)
    initial = (
        {"judgement": referral.screening_criterion, "reasons": referral.screening_criterion_reasons}
        if referral.screening_criterion
        else {}
    )
    form = JudgementForm(request.POST or None, initial=initial)
    if request.method == "GET":
        record(Action.VIEW, person=person, obj=referral, detail="section 44 judgement form")
    if request.method == "POST" and form.is_valid():
        try:
            screening.judge_criterion(person, referral, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The business unit's judgement of section 44 has been recorded.")
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, "referrals/judgement.html", {"form": form, "referral": referral})


# --- Screening ---------------------------------------------------------------------------------------


@requires(can_manage_referrals)
@require_http_methods(["GET", "POST"])
def scoping_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    form = ScopingRequestForm(request.POST or None, initial={"agencies": list(referral.agencies.all())})
    if request.method == "POST" and form.is_valid():
        try:
            with notify.deliveries() as emails:
                created = screening.request_scoping(
                    actor(request), referral, list(form.cleaned_data["agencies"]), note=form.cleaned_data["note"]
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # A true account: how many leads the email reached, which agencies nobody received it at, and
            # where it could not be sent.
            names = {s.agency_id: s.agency.name for s in created}
            summary = notify.sent_summary(emails, names, what="The scoping request")
            due = f"Summaries are due on {created[0].due_on:%-d %B %Y}."
            tell = messages.success if emails.reached_all(names) else messages.warning
            tell(request, f"{summary} {due}")
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/scoping_new.html",
        {
            "form": form,
            "referral": referral,
            "due_on": screening.due_date(),
            "working_days": settings.SCOPING_WORKING_DAYS,
        },
    )


@requires(can_manage_referrals)
@require_POST
def move(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    to = request.POST.get("to", "")
    if to not in (Status.AWAITING_DECISION, Status.SCREENING):
        messages.error(request, "Choose a next step from the page")
        return redirect("referrals:detail", referral_id=referral.pk)
    try:
        workflow.move(actor(request), referral, to)
    except workflow.TransitionRefused as refusal:
        request.session[MISSING] = [refusal.messages[0], *refusal.missing]
    else:
        messages.success(request, f"{referral.reference} is now {Status(to).label.lower()}.")
    return redirect("referrals:detail", referral_id=referral.pk)


@requires(can_answer_scoping)
@require_GET
def requests(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.requests_for(actor(request)), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "referrals/requests.html", {"page": page})


@per_object("referrals.scoping_request")
@require_http_methods(["GET", "POST"])
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    person = actor(request)
    scoping = permissions.access_scoping_request(person, request_id)
    record(Action.VIEW, person=person, obj=scoping)
    may_answer = scoping.status == RequestStatus.REQUESTED and any(
        a.pk == scoping.agency_id for a in permissions.agency_lead_agencies(person)
    )
    form = ScopingAnswerForm(request.POST or None) if may_answer else None
    if request.method == "POST":
        if form is None:
            messages.error(request, "This request cannot be answered now")
            return redirect("referrals:request", request_id=scoping.pk)
        if form.is_valid():
            try:
                with notify.deliveries() as emails:
                    screening.answer_scoping(person, scoping, **form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    "Thank you. Your scoping summary has been sent to the business unit: "
                    + emails.told(nobody="no one there could be told by email, so let them know yourself."),
                )
                return redirect("referrals:request", request_id=scoping.pk)
    return render(
        request,
        "referrals/request_detail.html",
        {
            "scoping": scoping,
            "referral": scoping.referral,
            "form": form,
            "documents": documents_for(person, scoping),
            "can_add_documents": document_permissions.can_add(person, scoping),
            "add_document_url": reverse("documents:add", args=["referrals.scopingrequest", scoping.pk]),
            "is_case_team": can_view_referrals(person),
        },
    )


@requires(can_manage_referrals)
@require_POST
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    scoping = permissions.access_scoping_request(actor(request), request_id)
    try:
        screening.withdraw_scoping(actor(request), scoping)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The request to {scoping.agency.name} has been withdrawn.")
    return redirect("referrals:detail", referral_id=scoping.referral_id)


# --- Recommendation, decision and the letter to the referrer ----------------------------------------


@requires(can_recommend)
@require_http_methods(["GET", "POST"])
def recommendation(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    existing = decisions.decision_context(referral)["recommendation"]
    initial = (
        {"outcome": existing.outcome, "other_process": existing.other_process, "reasons": existing.reasons}
        if existing
        else {}
    )
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.recommend(actor(request), referral, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The subgroup's recommendation has been recorded.")
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request, "referrals/outcome_form.html", {"form": form, "referral": referral, "kind": "recommendation"}
    )


@requires(can_decide)
@require_http_methods(["GET", "POST"])
def decision(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    context = decisions.decision_context(referral)
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            decisions.decide(actor(request), referral, **form.cleaned_data)
        except workflow.TransitionRefused as refusal:
            form.add_error(None, "; ".join([refusal.messages[0], *refusal.missing]))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "Your decision has been recorded. A letter to the referrer has been drafted for the business "
                "unit to check.",
            )
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(
        request,
        "referrals/outcome_form.html",
        {"form": form, "referral": referral, "kind": "decision", "recommendation": context["recommendation"]},
    )


@requires(can_manage_referrals)
@require_http_methods(["GET", "POST"])
def letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    outcome_letter = decisions.decision_context(referral)["letter"]
    if outcome_letter is None:
        raise Http404
    form = LetterForm(request.POST or None, initial={"body": outcome_letter.body})
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action == "save":
            if form.is_valid():
                try:
                    decisions.save_letter(actor(request), outcome_letter, body=form.cleaned_data["body"])
                except ValidationError as error:
                    apply_errors(form, error)
                else:
                    messages.success(request, "The letter has been saved. Check it, then send it.")
                    return redirect("referrals:letter", referral_id=referral.pk)
        elif action in ("email", "post"):
            try:
                decisions.send_letter(actor(request), outcome_letter, by_post=action == "post")
            except ValidationError as error:
                form.add_error(None, error.messages[0])
            else:
                messages.success(
                    request,
                    "The letter has been emailed to the referrer."
                    if action == "email"
                    else "The letter is recorded as posted.",
                )
                return redirect("referrals:detail", referral_id=referral.pk)
        else:
            form.add_error(None, "Choose whether to save or send the letter")
    return render(request, "referrals/letter.html", {"form": form, "referral": referral, "letter": outcome_letter})


@requires(can_manage_referrals)
@require_GET
def letter_print(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = permissions.access_referral(actor(request), referral_id)
    outcome_letter = decisions.decision_context(referral)["letter"]
    if outcome_letter is None:
        raise Http404
    record(Action.VIEW, person=actor(request), obj=outcome_letter, detail="printable letter")
    return render(request, "referrals/letter_print.html", {"referral": referral, "letter": outcome_letter})
