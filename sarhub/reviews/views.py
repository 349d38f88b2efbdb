"""Reviews: the list, setting one up from a decided referral, the review page, its team and terms."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core import registry
from sarhub.core.access import actor, per_object, requires
from sarhub.core.forms import apply_errors
from sarhub.documents import permissions as document_permissions
from sarhub.documents.selectors import documents_for
from sarhub.partnership import notify
from sarhub.partnership.models import Membership
from sarhub.referrals.permissions import access_referral
from sarhub.reviews import permissions, sections, selectors, services, suggesting
from sarhub.reviews.forms import (
    AppointForm,
    AroundPersonForm,
    ConcludeForm,
    ExcludeForm,
    FindingForm,
    InvolvementForm,
    MoveOnRequestForm,
    NewReviewForm,
    ParallelProcessForm,
    PractitionerForm,
    RecommendationForm,
    ReplanForm,
    ResponseForm,
    SignOffForm,
    TermsForm,
)
from sarhub.reviews.models import (
    STAGE_LABELS,
    STAGE_ORDER,
    AgencyRequest,
    Finding,
    ParallelProcess,
    PersonGroup,
    PersonInRecord,
    Rating,
    Review,
    ReviewRecommendation,
    Route,
    Stage,
)
from sarhub.reviews.permissions import can_list_reviews, can_manage_reviews
from sarhub.reviews.services import content, people, running

PAGE_SIZE = 25


@requires(can_list_reviews)
@require_GET
def review_list(request: HttpRequest) -> HttpResponse:
    stage = request.GET.get("stage", "")
    stage = stage if stage in Stage.values else ""
    route = request.GET.get("route", "")
    route = route if route in Route.values else ""
    late = request.GET.get("late") == "1"
    qs = selectors.reviews(actor(request), stage=stage, route=route, late=late)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = "&".join(f"{k}={v}" for k, v in (("stage", stage), ("route", route), ("late", "1" if late else "")) if v)
    return render(
        request,
        "reviews/list.html",
        {
            "page": page,
            "rows_html": sections.list_rows(page.object_list),
            "stage": stage,
            "route": route,
            "late": late,
            "stages": Stage.choices,
            "routes": Route.choices,
            "query": query,
        },
    )


@requires(can_manage_reviews)
@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = access_referral(actor(request), referral_id)
    form = NewReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        route = data.pop("route")
        try:
            review = services.set_up_review(actor(request), [referral], route=route, data=data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Review {review.reference} ({review.pseudonym}) has been set up.")
            return redirect("reviews:detail", review_id=review.pk)
    return render(request, "reviews/new.html", {"form": form, "referral": referral})


def _record(request: HttpRequest, review_id: int, section: str) -> tuple[Review, dict[str, Any]]:
    """A section of the review record: access checked (404 otherwise), the view audited, shared context."""
    person = actor(request)
    review = permissions.access_review(person, review_id)
    record(Action.VIEW, person=person, obj=review, detail="" if section == "reviews:detail" else section[8:])
    return review, {
        "review": review,
        "section_nav": sections.section_nav(review, section),
        "can_manage": can_manage_reviews(person),
        "can_edit": permissions.can_edit_content(person, review),
    }


def _detail(
    request: HttpRequest, review: Review, context: dict[str, Any], *, move_form: Any = None, status: int = 200
) -> HttpResponse:
    """Overview: the stage, the checklist for moving on, terms of reference, the plan and its changes."""
    person = actor(request)
    following = running.next_stage(review)
    is_lead = permissions.is_lead_reviewer(person, review)
    move_request = running.open_move_request(review)
    context.update(
        {
            "timeline_html": sections.timeline(review),
            "referrals": sections.referral_references(review) if permissions.sees_all_reviews(person) else [],
            "held_by": sections.held_by(review),
            "next_stage": following,
            "next_stage_label": STAGE_LABELS.get(following or "", ""),
            "checklist": running.checklist(review) if following else [],
            "warnings": running.warnings(review) if following else [],
            "ready": following is not None and not running.missing_for_next(review),
            "move_request": move_request,
            "move_form": move_form
            if move_form is not None
            else (MoveOnRequestForm() if is_lead and following and not move_request else None),
            "revisions": list(review.timeline_revisions.select_related("agreed_by")),
            "missing": request.session.pop(MISSING, None),
            # What upper apps offer on the review's overview (sarhub.core.registry).
            "offered_links": [
                (reverse(each.url_name, args=[review.pk]), each.label)
                for each in registry.review_links(person, per_finding=False)
            ],
            "offered_notes": registry.review_notes(person, review)[0],
        }
    )
    return render(request, "reviews/detail.html", context, status=status)


@requires(can_list_reviews)
@require_GET
def review_detail(request: HttpRequest, review_id: int) -> HttpResponse:
    review, context = _record(request, review_id, "reviews:detail")
    return _detail(request, review, context)


@requires(can_list_reviews)
@require_GET
def review_agencies(request: HttpRequest, review_id: int) -> HttpResponse:
    """Requests to agencies: chronologies, IMRs and the factual-accuracy round, with any disputes."""
    review, context = _record(request, review_id, "reviews:agencies")
    context["requests_html"] = sections.agency_requests(review)
    context["disputes"] = sections.disputes(review)
    return render(request, "reviews/agencies.html", context)


@requires(can_list_reviews)
@require_GET
def review_findings(request: HttpRequest, review_id: int) -> HttpResponse:
    review, context = _record(request, review_id, "reviews:findings")
    person = actor(request)
    _, notes = registry.review_notes(person, review)  # what upper apps say on each finding
    context["findings_html"] = sections.findings(
        review, can_edit=context["can_edit"], links=registry.review_links(person, per_finding=True), notes=notes
    )
    context["recommendations_html"] = sections.recommendations(
        review, can_edit=context["can_edit"], can_respond=context["can_manage"]
    )
    return render(request, "reviews/findings.html", context)


@requires(can_list_reviews)
@require_GET
def review_quality(request: HttpRequest, review_id: int) -> HttpResponse:
    review, context = _record(request, review_id, "reviews:quality")
    context["quality_markers_html"] = sections.quality_markers(review)
    return render(request, "reviews/quality.html", context)


@requires(can_list_reviews)
@require_GET
def review_family(request: HttpRequest, review_id: int) -> HttpResponse:
    review, context = _record(request, review_id, "reviews:family")
    context["processes"] = list(review.parallel_processes.all())
    context["involvement"] = list(review.involvement.all())
    return render(request, "reviews/family.html", context)


@requires(can_list_reviews)
@require_GET
def review_documents(request: HttpRequest, review_id: int) -> HttpResponse:
    review, context = _record(request, review_id, "reviews:documents")
    person = actor(request)
    context["documents"] = documents_for(person, review)
    context["can_add_documents"] = document_permissions.can_add(person, review)
    context["add_document_url"] = reverse("documents:add", args=["reviews.review", review.pk])
    context["team"] = selectors.team(review)
    return render(request, "reviews/documents.html", context)


@requires(can_manage_reviews)
@require_http_methods(["GET", "POST"])
def review_terms(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    initial = {f: getattr(review, f) for f in services.TERMS_FIELDS}
    form = TermsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_terms(actor(request), review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The terms of reference have been saved.")
            return redirect("reviews:detail", review_id=review.pk)
    return render(request, "reviews/terms.html", {"form": form, "review": review})


@requires(can_manage_reviews)
@require_http_methods(["GET", "POST"])
def appoint(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    form = AppointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person, role = form.cleaned_data["person"], form.cleaned_data["role"]
        try:
            with notify.deliveries() as emails:
                services.appoint(actor(request), review, person, role)
        except ValidationError as error:
            if hasattr(error, "error_dict") and "person" in error.error_dict:
                form.add_error(role, error.error_dict.pop("person"))
            apply_errors(form, error)
        else:
            appointed = f"{person.full_name} has been appointed {services.ROLE_NAMES[role]} on {review.reference}"
            if emails.reached_count():
                messages.success(request, f"{appointed}, and told by email.")
            else:
                messages.warning(request, f"{appointed}, but the email to them could not be sent: tell them yourself.")
            return redirect(reverse("reviews:documents", args=[review.pk]) + "#team")
    return render(request, "reviews/appoint.html", {"form": form, "review": review})


@requires(can_manage_reviews)
@require_POST
def end_appointment(request: HttpRequest, review_id: int, membership_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    membership = Membership.objects.filter(pk=membership_id, review=review).select_related("person").first()
    if membership is None:
        raise Http404
    try:
        services.end_appointment(actor(request), membership)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, f"{membership.person.full_name} is no longer on {review.reference}. It takes effect at once."
        )
    return redirect(reverse("reviews:documents", args=[review.pk]) + "#team")


@requires(can_manage_reviews)
@require_POST
def convert(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    try:
        services.convert_to_sar(actor(request), review)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{review.reference} is now an independent SAR.")
    return redirect("reviews:detail", review_id=review.pk)


# --- Findings, recommendations, responses and Quality Markers ----------------------------------------


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, review_id: int, finding_id: int | None = None) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    finding = get_object_or_404(Finding, pk=finding_id, review=review) if finding_id else None
    if request.method == "POST" and (request.POST.get("action") == "suggest" or "suggestion" in request.POST):
        return _finding_suggestions(request, review, finding)
    initial = (
        {
            "text": finding.text,
            "domain": finding.domain,
            "kind": finding.kind,
            "abuse_types": list(finding.abuse_types.all()),
            "practice_themes": list(finding.practice_themes.all()),
        }
        if finding
        else {}
    )
    form = FindingForm(request.POST or None, initial=initial)
    choices = suggesting.read_choices(request.POST, form) if request.method == "POST" else {}
    if request.method == "POST" and form.is_valid():
        try:
            saved = content.save_finding(
                actor(request), review, form.cleaned_data, finding, choices=suggesting.kept(choices, form.cleaned_data)
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Finding {saved.number} has been saved.")
            return redirect(reverse("reviews:findings", args=[review.pk]) + "#findings")
    return _finding_page(request, review, finding, form, choices)


def _finding_page(
    request: HttpRequest,
    review: Review,
    finding: Finding | None,
    form: FindingForm,
    choices: dict[str, suggesting.Choice],
    panel: suggesting.Panel | None = None,
    said: str = "",
) -> HttpResponse:
    registered = suggesting.suggester()
    return render(
        request,
        "reviews/finding_form.html",
        {
            "form": form,
            "review": review,
            "finding": finding,
            "suggester": registered is not None,
            "suggest_endpoint": registered.endpoint(review) if registered else "",
            "panel": panel or suggesting.Panel(),
            "choices": list(choices.values()),
            "said": said,
        },
    )


def _finding_suggestions(request: HttpRequest, review: Review, finding: Finding | None) -> HttpResponse:
    """ "Suggest themes", or Accept or Reject on a suggestion, without JavaScript: the form again, as the
    person left it (nothing saved, no errors yet), with the suggestions for its text."""
    data = request.POST
    values: dict[str, Any] = {
        "text": str(data.get("text", ""))[:10_000],
        "domain": data.get("domain", ""),
        "kind": data.get("kind", ""),
        "abuse_types": data.getlist("abuse_types"),
        "practice_themes": data.getlist("practice_themes"),
    }
    form = FindingForm(initial=values)
    choices = suggesting.read_choices(data, form)
    panel = suggesting.build_panel(values["text"], data, form, choices)
    said = ""
    if "suggestion" in data:
        said = suggesting.choose(str(data["suggestion"]), panel, choices, values)
        form = FindingForm(initial=values)
    return _finding_page(request, review, finding, form, choices, panel, said)


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, review_id: int, recommendation_id: int | None = None) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    recommendation = (
        get_object_or_404(ReviewRecommendation, pk=recommendation_id, review=review) if recommendation_id else None
    )
    initial = (
        {
            "text": recommendation.text,
            "to_board": recommendation.to_board,
            "agencies": list(recommendation.agencies.all()),
            "findings": list(recommendation.findings.all()),
        }
        if recommendation
        else {}
    )
    form = RecommendationForm(request.POST or None, initial=initial, review=review)
    if request.method == "POST" and form.is_valid():
        try:
            saved = content.save_recommendation(actor(request), review, form.cleaned_data, recommendation)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Recommendation {saved.number} has been saved.")
            return redirect(reverse("reviews:findings", args=[review.pk]) + "#recommendations")
    return render(
        request, "reviews/recommendation_form.html", {"form": form, "review": review, "recommendation": recommendation}
    )


@requires(can_manage_reviews)
@require_http_methods(["GET", "POST"])
def recommendation_response(request: HttpRequest, review_id: int, recommendation_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    recommendation = get_object_or_404(ReviewRecommendation, pk=recommendation_id, review=review)
    form = ResponseForm(
        request.POST or None, initial=ResponseForm.initial_for(recommendation.response, recommendation.response_reasons)
    )
    if request.method == "POST" and form.is_valid():
        try:
            content.respond(
                actor(request),
                recommendation,
                response=form.cleaned_data["response"],
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The response to recommendation {recommendation.number} has been recorded.")
            return redirect(reverse("reviews:findings", args=[review.pk]) + "#recommendations")
    return render(
        request, "reviews/response_form.html", {"form": form, "review": review, "recommendation": recommendation}
    )


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def quality_markers(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    rows = content.quality_marker_rows(review)
    error = ""
    if request.method == "POST":
        ratings = {
            row["number"]: (
                request.POST.get(f"rating-{row['number']}", ""),
                request.POST.get(f"note-{row['number']}", "")[:2_000],
            )
            for row in rows
        }
        try:
            content.save_quality_markers(actor(request), review, ratings)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            messages.success(request, "The Quality Markers self-assessment has been saved.")
            return redirect("reviews:quality", review_id=review.pk)
        for row in rows:
            row["rating"], row["note"] = ratings[row["number"]]
    return render(
        request,
        "reviews/quality_markers.html",
        {"review": review, "rows": rows, "ratings": Rating.choices, "error": error},
        status=400 if error else 200,
    )


# --- Running the review -------------------------------------------------------------------------------

MISSING = "sarhub_review_missing"


@requires(can_manage_reviews)
@require_POST
def advance(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    try:
        moved = running.advance(actor(request), review)
    except running.StepRefused as refusal:
        request.session[MISSING] = [refusal.messages[0], *refusal.missing]
    else:
        messages.success(request, f"{review.reference} is now at {moved.stage_label.lower()}.")
    return redirect("reviews:detail", review_id=review.pk)


@per_object("reviews.lead_reviewers")
@require_POST
def ask_to_move_on(request: HttpRequest, review_id: int) -> HttpResponse:
    """The lead reviewer asks the business unit to move the review on."""
    person = actor(request)
    review = permissions.access_review(person, review_id)
    if not permissions.is_lead_reviewer(person, review):
        raise Http404
    form = MoveOnRequestForm(request.POST)
    if form.is_valid():
        try:
            with notify.deliveries() as emails:
                move = running.ask_to_move_on(person, review, note=form.cleaned_data["note"])
        except running.StepRefused as refusal:
            form.add_error(None, "; ".join([refusal.messages[0], *refusal.missing]))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            told = emails.told(
                nobody="No one in the business unit could be told by email: the request is on the review's overview.",
                at=" there",
            )
            messages.success(
                request,
                f"You have asked the business unit to move {review.reference} on to {move.to_stage_label.lower()}. "
                + told[:1].upper()
                + told[1:],
            )
            return redirect("reviews:detail", review_id=review.pk)
    review, context = _record(request, review_id, "reviews:detail")
    return _detail(request, review, context, move_form=form, status=400)


@requires(can_manage_reviews)
@require_http_methods(["GET", "POST"])
def replan(request: HttpRequest, review_id: int) -> HttpResponse:
    """Record an agreed change to the review's plan (the original plan is kept)."""
    review = permissions.access_review(actor(request), review_id)
    if review.stage == Stage.COMPLETE:
        raise Http404
    stages = [(s, STAGE_LABELS[s]) for s in STAGE_ORDER[STAGE_ORDER.index(review.stage) :] if s != Stage.COMPLETE]
    form = ReplanForm(request.POST or None, stages=stages, initial={"stage": review.stage})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            revision = running.replan(
                actor(request),
                review,
                stage=data["stage"],
                new_end=data["new_end"],
                reason=data["reason"],
                agreed_by=data["agreed_by"],
                agreed_on=data["agreed_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"The plan has been revised: {revision.stage_label.lower()} now ends on {revision.new_end:%-d %B %Y}. "
                "Slippage is still measured against the original plan.",
            )
            return redirect(reverse("reviews:detail", args=[review.pk]) + "#timeline")
    return render(
        request,
        "reviews/replan.html",
        {"form": form, "review": review, "plans": sections.timeline(review)},
    )


@requires(can_manage_reviews)
@require_http_methods(["GET", "POST"])
def sign_off(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review(actor(request), review_id)
    form = SignOffForm(request.POST or None, initial={"signed_off_on": review.signed_off_on})
    if request.method == "POST" and form.is_valid():
        try:
            running.record_sign_off(actor(request), review, form.cleaned_data["signed_off_on"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The Board's sign-off has been recorded.")
            return redirect("reviews:detail", review_id=review.pk)
    return render(
        request, "reviews/simple_form.html", {"form": form, "review": review, "heading": "Record the Board's sign-off"}
    )


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def process_new(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    form = ParallelProcessForm(request.POST or None, initial={"holds_publication": True})
    if request.method == "POST" and form.is_valid():
        try:
            running.add_parallel_process(actor(request), review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The parallel process has been recorded.")
            return redirect(reverse("reviews:family", args=[review.pk]) + "#parallel-processes")
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "review": review,
            "heading": "Record a parallel process",
            "back": reverse("reviews:family", args=[review.pk]),
        },
    )


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def process_conclude(request: HttpRequest, review_id: int, process_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    process = get_object_or_404(ParallelProcess, pk=process_id, review=review)
    form = ConcludeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            running.conclude_parallel_process(actor(request), process, form.cleaned_data["concluded_on"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The {process.get_kind_display().lower()} is recorded as concluded.")
            return redirect(reverse("reviews:family", args=[review.pk]) + "#parallel-processes")
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "review": review,
            "heading": f"Record that the {process.get_kind_display().lower()} concluded",
            "back": reverse("reviews:family", args=[review.pk]),
        },
    )


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def involvement_new(request: HttpRequest, review_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    form = InvolvementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            running.log_involvement(actor(request), review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The contact has been added to the involvement log.")
            return redirect(reverse("reviews:family", args=[review.pk]) + "#involvement")
    return render(
        request,
        "reviews/simple_form.html",
        {
            "form": form,
            "review": review,
            "heading": "Add to the person and family involvement log",
            "back": reverse("reviews:family", args=[review.pk]),
        },
    )


# --- People in the record ----------------------------------------------------------------------------


@requires(can_list_reviews)
@require_GET
def review_people(request: HttpRequest, review_id: int) -> HttpResponse:
    """The people the record names, whom the de-identification check looks for: the adult (from the
    referrals, for those who may read them), the people around the adult, the practitioners, and anyone
    excluded from the check, with the reason."""
    review, context = _record(request, review_id, "reviews:people")
    person = actor(request)
    context.update(selectors.people_in_record(person, review))
    for referral in context["adults"] or []:
        record(Action.VIEW, person=person, obj=referral, detail=f"adult's identifiers on review {review.pk}")
    return render(request, "reviews/people.html", context)


def _people_url(review: Review, person: PersonInRecord | None = None, group: str = "") -> str:
    if person is not None and person.is_excluded:
        anchor = "excluded"
    else:
        anchor = "practitioners" if (person.group if person else group) == PersonGroup.PRACTITIONER else "around"
    return reverse("reviews:people", args=[review.pk]) + f"#{anchor}"


def _person_form(group: str, review: Review, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
    if group == PersonGroup.PRACTITIONER:
        requests = AgencyRequest.objects.filter(review=review).exclude(kind="factual_accuracy").select_related("agency")
        return PractitionerForm(data, initial=initial, requests=requests.order_by("agency__name", "kind", "id"))
    return AroundPersonForm(data, initial=initial)


def _person_page(
    request: HttpRequest, review: Review, form: Any, heading: str, *, intro: str = "", button: str = "Save"
) -> HttpResponse:
    return render(
        request,
        "reviews/person_form.html",
        {
            "form": form,
            "review": review,
            "heading": heading,
            "intro": intro,
            "button": button,
            "back": reverse("reviews:people", args=[review.pk]),
        },
    )


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def person_new(request: HttpRequest, review_id: int, group: str) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    form = _person_form(group, review, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.add_person(actor(request), review, group, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            what = "practitioner" if group == PersonGroup.PRACTITIONER else "person"
            messages.success(request, f"The {what} has been added. The de-identification check now looks for them.")
            return redirect(_people_url(review, group=group))
    heading = (
        "Add a practitioner named in the record"
        if group == PersonGroup.PRACTITIONER
        else "Add a family member or someone around the adult"
    )
    return _person_page(request, review, form, heading)


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, review_id: int, person_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    named = permissions.access_person_in_record(actor(request), review, person_id)
    fields = people.PRACTITIONER_FIELDS if named.is_practitioner else people.AROUND_FIELDS
    form = _person_form(named.group, review, request.POST or None, initial={f: getattr(named, f) for f in fields})
    if request.method == "POST" and form.is_valid():
        try:
            people.update_person(actor(request), named, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The details have been saved.")
            return redirect(_people_url(review, named))
    heading = (
        "Change a practitioner's details" if named.is_practitioner else "Change the details of someone around the adult"
    )
    return _person_page(request, review, form, heading)


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def person_exclude(request: HttpRequest, review_id: int, person_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    named = permissions.access_person_in_record(actor(request), review, person_id)
    if named.is_excluded:
        messages.error(request, f"{named.full_name} is already excluded from the check.")
        return redirect(_people_url(review, named))
    form = ExcludeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.exclude(actor(request), named, form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{named.full_name} is excluded from the de-identification check.")
            return redirect(reverse("reviews:people", args=[review.pk]) + "#excluded")
    return _person_page(
        request,
        review,
        form,
        f"Exclude {named.full_name} from the de-identification check",
        intro="The check will no longer flag their name or the other names they are known by in anything the "
        "Board publishes. Exclude someone only when their name may be published, for example a Board member "
        "quoted by their role. The reason is kept with the record.",
        button="Exclude from the check",
    )


@per_object("reviews.content_editors")
@require_POST
def person_include(request: HttpRequest, review_id: int, person_id: int) -> HttpResponse:
    review = permissions.access_review_for_editing(actor(request), review_id)
    named = permissions.access_person_in_record(actor(request), review, person_id)
    try:
        named = people.include_again(actor(request), named)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The de-identification check looks for {named.full_name} again.")
    return redirect(_people_url(review, named))
