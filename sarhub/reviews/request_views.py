"""Requests from a review to agencies (chronologies, IMRs, the factual-accuracy round), and the review
summaries that agency leads and Board members see."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, per_object, requires
from sarhub.core.downloads import stored_attachment
from sarhub.core.forms import GovukForm, apply_errors
from sarhub.documents import permissions as document_permissions
from sarhub.documents.selectors import documents_for
from sarhub.partnership import notify
from sarhub.referrals.models import ScopingRequest
from sarhub.reviews import permissions, selectors
from sarhub.reviews.forms import (
    AccuracyRoundForm,
    CommentForm,
    CommentResponseForm,
    DisputeForm,
    InformationRequestForm,
    NamePractitionerForm,
    RequestCheckForm,
    SubmitRequestForm,
)
from sarhub.reviews.models import AgencyRequest, RequestKind, Review
from sarhub.reviews.services import people, requests

PAGE_SIZE = 25


def _ask_agencies(
    request: HttpRequest,
    review: Review,
    form: Any,
    send: Callable[[dict[str, Any]], list[AgencyRequest]],
    done: Callable[[list[AgencyRequest]], str],
    context: dict[str, Any],
) -> HttpResponse:
    """The two forms that send requests to agencies: send on a valid POST, show what went wrong otherwise.
    The message says who was really emailed, and which chosen agencies no one received it at."""
    if request.method == "POST" and form.is_valid():
        try:
            with notify.deliveries() as emails:
                created = send(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            names = {r.agency_id for r in created}
            tell = messages.success if emails.reached_all(names) else messages.warning
            tell(request, requests.sent_message(created, done(created), emails))
            return redirect("reviews:agencies", review_id=review.pk)
    return render(request, "reviews/request_new.html", {"form": form, "review": review, **context})


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def information_new(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = permissions.access_review_for_editing(person, review_id)
    return _ask_agencies(
        request,
        review,
        InformationRequestForm(request.POST or None, initial={"kind": request.GET.get("kind", "")}),
        lambda data: requests.request_information(
            person, review, list(data["agencies"]), data["kind"], note=data["note"]
        ),
        lambda created: f"The {created[0].kind_words} request",
        {
            "heading": "Ask agencies for chronologies or IMRs",
            "due_on": requests.due_date(RequestKind.CHRONOLOGY),
            "working_days": settings.REVIEW_REQUEST_WORKING_DAYS,
            "button": "Send requests",
        },
    )


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def accuracy_new(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = permissions.access_review_for_editing(person, review_id)
    drafts = requests.review_drafts(review)
    return _ask_agencies(
        request,
        review,
        AccuracyRoundForm(request.POST or None, drafts=drafts),
        lambda data: requests.start_accuracy_round(
            person, review, list(data["agencies"]), data["draft"], note=data["note"]
        ),
        lambda created: "The draft report",
        {
            "heading": "Send the draft report for factual-accuracy comments",
            "due_on": requests.due_date(RequestKind.FACTUAL_ACCURACY),
            "working_days": settings.ACCURACY_WORKING_DAYS,
            "button": "Send the draft",
            "no_drafts": not drafts.exists(),
            "accuracy": True,
        },
    )


@requires(permissions.can_answer_review_requests)
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.requests_for(actor(request)), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "reviews/requests.html", {"page": page})


def _refusal(request: HttpRequest, message: str) -> GovukForm:
    """A press that cannot be done now, with no field to sit beside: shown in the error summary."""
    form = GovukForm(request.POST)
    form.is_valid()
    form.add_error(None, message)
    return form


def _request_page(request: HttpRequest, agency_request: AgencyRequest, **extra: object) -> HttpResponse:
    """The request's page; after a POST that could not be done, with its bound form (or a `refusal`),
    the errors shown in the error summary and beside their fields (status 400)."""
    person = actor(request)
    review = agency_request.review
    is_team = permissions.can_read_review(person, review)
    is_lead = permissions.leads_agency_of(person, agency_request)
    may_answer = permissions.can_answer(person, agency_request)
    can_edit = permissions.can_edit_content(person, review)
    scoping = (
        list(
            ScopingRequest.objects.filter(
                agency_id=agency_request.agency_id, referral__in=review.referrals.all()
            ).select_related("referral")
        )
        if is_lead
        else []
    )
    context = {
        "agency_request": agency_request,
        "review": review,
        "is_team": is_team,
        "is_lead": is_lead,
        "may_answer": may_answer,
        "can_edit": can_edit,
        "can_manage": permissions.can_manage_reviews(person),
        "comments": list(agency_request.comments.all()),
        "comment_form": CommentForm() if may_answer and agency_request.is_accuracy_check else None,
        "submit_form": SubmitRequestForm() if may_answer else None,
        "check_form": RequestCheckForm() if can_edit and agency_request.awaits_check else None,
        "documents": documents_for(person, agency_request),
        "can_add_documents": document_permissions.can_add(person, agency_request),
        "add_document_url": reverse("documents:add", args=["reviews.agencyrequest", agency_request.pk]),
        "scoping": scoping,
        "practitioners": selectors.practitioners_named(person, agency_request),
        "practitioner_form": NamePractitionerForm()
        if permissions.can_name_practitioners(person, agency_request)
        else None,
        "may_name": permissions.can_name_practitioners(person, agency_request),
        "has_summary": permissions.can_read_summary(person, review) and not is_team,
        "refusal": None,
        **extra,
    }
    return render(request, "reviews/request_detail.html", context, status=400 if extra else 200)


@per_object("reviews.agency_request")
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    record(Action.VIEW, person=person, obj=agency_request)
    return _request_page(request, agency_request)


@per_object("reviews.agency_request")
@require_POST
def request_submit(request: HttpRequest, request_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not permissions.can_answer(person, agency_request):
        # A second press, or a request answered, withdrawn or returned in another window.
        return _request_page(request, agency_request, refusal=_refusal(request, "This request cannot be answered now"))
    form = SubmitRequestForm(request.POST)
    if form.is_valid():
        try:
            with notify.deliveries() as emails:
                requests.submit(person, agency_request, cover_note=form.cleaned_data["cover_note"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            what = "Your comments have" if agency_request.is_accuracy_check else "It has"
            messages.success(
                request,
                f"Thank you. {what} been sent to the review team; "
                + emails.told(nobody="no one there could be told by email, so tell them yourself."),
            )
            return redirect("reviews:request", request_id=agency_request.pk)
    return _request_page(request, agency_request, submit_form=form)


@per_object("reviews.content_editors")
@require_POST
def request_withdraw(request: HttpRequest, request_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not permissions.can_edit_content(person, agency_request.review):
        raise Http404
    try:
        requests.withdraw(person, agency_request)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The request to {agency_request.agency.name} has been withdrawn.")
    return redirect("reviews:agencies", review_id=agency_request.review_id)


@per_object("reviews.content_editors")
@require_POST
def request_check(request: HttpRequest, request_id: int) -> HttpResponse:
    """The lead reviewer or the business unit accepts a chronology or IMR, or returns it with reasons."""
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not permissions.can_edit_content(person, agency_request.review):
        raise Http404
    form = RequestCheckForm(request.POST)
    if form.is_valid():
        try:
            if form.cleaned_data["decision"] == "accept":
                requests.accept(person, agency_request)
                done = f"You have accepted {agency_request.agency.name}'s {agency_request.kind_words}."
            else:
                with notify.deliveries() as emails:
                    returned = requests.return_to_agency(person, agency_request, reasons=form.cleaned_data["reasons"])
                leads, failed = emails.reached_count(), emails.missed_count()
                if failed:
                    told = (
                        f"the email to its {failed} safeguarding lead{'s' if failed != 1 else ''} could not be "
                        "sent, so tell them yourself"
                    )
                    if leads:
                        told = f"{leads} of its safeguarding leads {'has' if leads == 1 else 'have'} been told by email; {told}"
                elif leads:
                    told = f"its {leads} safeguarding lead{'s have' if leads != 1 else ' has'} been told by email"
                else:
                    told = "it has no current safeguarding lead, so no one there has been told"
                done = (
                    f"You have returned {returned.agency.name}'s {returned.kind_words}: {told}. "
                    f"It is due again by {returned.due_on:%-d %B %Y}."
                )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("reviews:request", request_id=agency_request.pk)
    return _request_page(request, agency_request, check_form=form)


@per_object("reviews.agency_request")
@require_GET
def request_draft(request: HttpRequest, request_id: int) -> FileResponse:
    """The draft report sent with a factual-accuracy request, for the agency's leads and the review team."""
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    version = agency_request.draft
    if version is None:
        raise Http404
    record(Action.DOWNLOAD, person=person, obj=version.document, detail=f"version {version.number} (draft)")
    return stored_attachment(version)


# --- Comments on the draft ---------------------------------------------------------------------------


@per_object("reviews.agency_request")
@require_POST
def comment_new(request: HttpRequest, request_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not (permissions.can_answer(person, agency_request) and agency_request.is_accuracy_check):
        refusal = _refusal(request, "Comments can be added only while the request is open")
        return _request_page(request, agency_request, refusal=refusal)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment = requests.add_comment(person, agency_request, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Comment {comment.number} has been added. Send your comments when you are done.")
            return redirect(reverse("reviews:request", args=[agency_request.pk]) + "#comments")
    return _request_page(request, agency_request, comment_form=form)


@per_object("reviews.agency_request")
@require_POST
def comment_remove(request: HttpRequest, request_id: int, comment_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    comment = permissions.access_comment(person, agency_request, comment_id)
    try:
        requests.remove_comment(person, comment)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, f"Comment {comment.number} has been removed.")
    return redirect(reverse("reviews:request", args=[agency_request.pk]) + "#comments")


@per_object("reviews.content_editors")
@require_http_methods(["GET", "POST"])
def comment_response(request: HttpRequest, request_id: int, comment_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not permissions.can_edit_content(person, agency_request.review):
        raise Http404
    comment = permissions.access_comment(person, agency_request, comment_id)
    form = CommentResponseForm(
        request.POST or None, initial=CommentResponseForm.initial_for(comment.outcome, comment.response)
    )
    if request.method == "POST" and form.is_valid():
        try:
            requests.respond(
                person, comment, outcome=form.cleaned_data["outcome"], response=form.cleaned_data["response"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Your response to comment {comment.number} has been recorded.")
            return redirect(reverse("reviews:request", args=[agency_request.pk]) + "#comments")
    return render(
        request,
        "reviews/comment_form.html",
        {
            "form": form,
            "agency_request": agency_request,
            "comment": comment,
            "heading": f"Respond to comment {comment.number}",
            "button": "Save response",
        },
    )


@per_object("reviews.comment_dispute")
@require_http_methods(["GET", "POST"])
def comment_dispute(request: HttpRequest, request_id: int, comment_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not (permissions.leads_agency_of(person, agency_request) or permissions.can_manage_reviews(person)):
        raise Http404
    comment = permissions.access_comment(person, agency_request, comment_id)
    form = DisputeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            requests.record_dispute(person, comment, statement=form.cleaned_data["statement"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The dispute about comment {comment.number} has been recorded.")
            return redirect(reverse("reviews:request", args=[agency_request.pk]) + "#comments")
    return render(
        request,
        "reviews/comment_form.html",
        {
            "form": form,
            "agency_request": agency_request,
            "comment": comment,
            "heading": f"Record a dispute about comment {comment.number}",
            "button": "Record the dispute",
        },
    )


# --- Practitioners named in a chronology or IMR -----------------------------------------------------


@per_object("reviews.agency_request")
@require_POST
def practitioner_new(request: HttpRequest, request_id: int) -> HttpResponse:
    """The agency's lead names a practitioner in their chronology or IMR (name and role; the agency is
    theirs): the review team sees them on the review's people page, and the de-identification check
    looks for them."""
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    if not permissions.can_name_practitioners(person, agency_request):
        refusal = _refusal(request, "Practitioners can be named only while the request is open")
        return _request_page(request, agency_request, refusal=refusal)
    form = NamePractitionerForm(request.POST)
    if form.is_valid():
        try:
            people.name_practitioner(person, agency_request, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{form.cleaned_data['full_name']} has been added to the practitioners named.")
            return redirect(reverse("reviews:request", args=[agency_request.pk]) + "#practitioners")
    return _request_page(request, agency_request, practitioner_form=form)


@per_object("reviews.agency_request")
@require_POST
def practitioner_remove(request: HttpRequest, request_id: int, person_id: int) -> HttpResponse:
    person = actor(request)
    agency_request = permissions.access_agency_request(person, request_id)
    named = next(
        (p for p in selectors.practitioners_named(person, agency_request) if str(p.pk) == str(person_id)), None
    )
    if named is None:
        raise Http404
    try:
        people.remove_practitioner(person, agency_request, named)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    except PermissionDenied:
        raise Http404 from None
    else:
        messages.success(request, f"{named.full_name} has been removed from the practitioners named.")
    return redirect(reverse("reviews:request", args=[agency_request.pk]) + "#practitioners")


# --- Summaries ---------------------------------------------------------------------------------------


@requires(permissions.can_list_summaries)
@require_GET
def summary_list(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    page = Paginator(selectors.summaries(person), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/summaries.html",
        {
            "page": page,
            "is_lead": permissions.can_answer_review_requests(person),
            "is_board": permissions.is_board_reader(person),
        },
    )


@per_object("reviews.summary")
@require_GET
def summary(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = permissions.access_summary(person, review_id)
    record(Action.VIEW, person=person, obj=review, detail="summary")
    return render(request, "reviews/summary.html", selectors.summary_context(person, review))
