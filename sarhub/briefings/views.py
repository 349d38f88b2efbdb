"""Staff pages for 7-minute briefings: writing and versions, publication, circulation and cascade."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.briefings import permissions, selectors, services, went_well
from sarhub.briefings import render as rendering
from sarhub.briefings.forms import CascadeForm, CirculateForm, NewBriefingForm, VersionForm, signed_off_reviews
from sarhub.briefings.models import ALL_POINTS, QUESTIONS, Briefing, BriefingProposal, BriefingVersion, Circulation
from sarhub.core import reports
from sarhub.core.access import actor, per_object, recent_second_factor, requires
from sarhub.core.forms import apply_errors
from sarhub.partnership import notify
from sarhub.partnership.models import Board
from sarhub.publication import gate, gate_views
from sarhub.publication import permissions as publication_permissions
from sarhub.publication.findings import things
from sarhub.publication.forms import ClearForm, DecisionForm
from sarhub.publication.models import Status
from sarhub.publication.selectors import going_public
from sarhub.referrals.permissions import can_view_referrals


@requires(permissions.can_list_briefings)
@require_GET
def briefing_list(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    briefings = list(selectors.visible_briefings(person))
    return render(
        request,
        "briefings/list.html",
        {
            "briefings": briefings,
            "cascades": list(selectors.cascades_for(person)) if permissions.can_record_cascade(person) else [],
            "can_write": permissions.can_write_briefings(person),
        },
    )


@requires(permissions.can_write_briefings)
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    asked = request.GET.get(went_well.PARAMETER)
    offer = went_well.offered(person, asked)
    initial = {"what_went_well": offer.text, "about": "one", "review": offer.review.pk} if offer else {}
    form = NewBriefingForm(request.POST or None, reviews=signed_off_reviews(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            briefing = services.create(person, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Briefing saved as version 1.")
            return redirect("briefings:detail", briefing_id=briefing.pk)
    return _edit_page(request, form, None, offer, asked)


def _edit_page(request: HttpRequest, form: Any, briefing: Briefing | None, offer: Any, asked: Any) -> HttpResponse:
    """The editor; `offer` is good practice offered for "What went well" (asked for, but not offered: a
    sentence saying so, never why in more detail than the rule)."""
    return render(
        request,
        "briefings/edit.html",
        {
            "form": form,
            "briefing": briefing,
            "points": [form[name] for name, _, _ in ALL_POINTS],
            "questions": [form[name] for name in QUESTIONS],
            "offer": offer if request.method == "GET" else None,
            "not_offered": bool(asked) and offer is None and request.method == "GET",
        },
    )


@per_object("briefings.access_briefing")
@require_GET
def detail(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = actor(request)
    briefing = permissions.access_briefing(person, briefing_id)
    chosen = None
    if "version" in request.GET:
        chosen = permissions.access_version(person, briefing, request.GET.get("version"))
    return _detail_page(request, briefing, chosen, audit=True)


def public_now(standing: gate.Standing[BriefingProposal]) -> str:
    """Whether the public can see the briefing now, and which version: true in every state."""
    if standing.approved is not None:
        return f"Yes, version {standing.approved.version.number}"
    latest = standing.latest
    if latest is not None and latest.unpublished_at is not None:
        return f"No: taken off the public site on {timezone.localdate(latest.unpublished_at):%-d %B %Y}"
    return "No"


def status_text(proposal: BriefingProposal) -> str:
    if proposal.status == Status.PROPOSED:
        return "Waiting for the independent chair's decision"
    if proposal.unpublished_at is not None:
        return f"Approved, then taken off the public site on {timezone.localdate(proposal.unpublished_at):%-d %B %Y}"
    return proposal.get_status_display()


def _detail_page(
    request: HttpRequest,
    briefing: Briefing,
    chosen: BriefingVersion | None = None,
    *,
    audit: bool = False,
    **bound: Any,
) -> HttpResponse:
    """The briefing's page; `bound` holds a form to correct (clear_form, decision_form or circulate_form)."""
    person = actor(request)
    versions = list(selectors.visible_versions(person, briefing).order_by("-number"))
    chosen = chosen or (versions[0] if versions else None)
    if audit:
        record(Action.VIEW, person=person, obj=briefing, detail=f"version {chosen.number if chosen else '-'}")
    oversight = permissions.reads_every_briefing(person)
    circulations = selectors.circulations(person, briefing)
    proposals = selectors.proposals(person, briefing)
    standing = gate.standing(proposals)
    current = standing.current
    return render(
        request,
        "briefings/detail.html",
        {
            "briefing": briefing,
            "reviews": selectors.covered_reviews(person, briefing),
            "versions": versions,
            "version": chosen,
            "board": Board.current(),
            "oversight": oversight,
            "circulations": [(c, services.reach(c)) for c in circulations],
            "proposals": proposals,
            "current": current,
            "current_status": status_text(current) if current else "",
            "public_now": public_now(standing),
            "still_approved": standing.approved if standing.pending else None,
            "live": standing.approved,
            "live_public": standing.approved is not None,
            "show_hits": can_view_referrals(person),
            "going_public": (
                going_public(current, proposed=current.status == Status.PROPOSED)
                if current and can_view_referrals(person)
                else None
            ),
            "can_write": permissions.can_write_briefings(person),
            "can_propose": publication_permissions.can_propose(person),
            "can_approve": publication_permissions.can_approve(person),
            "can_unpublish": publication_permissions.can_unpublish(person),
            "clear_form": bound.get("clear_form") or ClearForm(),
            "decision_form": bound.get("decision_form") or DecisionForm(),
            "circulate_form": bound.get("circulate_form") or CirculateForm(),
            "recipients": selectors.recipients() if permissions.can_write_briefings(person) else None,
            "to_correct": next((form for form in bound.values() if form.errors), None),
        },
    )


@requires(permissions.can_write_briefings)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, briefing_id: int) -> HttpResponse:
    person = actor(request)
    briefing = permissions.access_briefing(person, briefing_id)
    latest = services.latest_version(briefing)
    names = ["title", *[p[0] for p in ALL_POINTS], *QUESTIONS]
    initial = {name: getattr(latest, name) for name in names} if latest else {}
    asked = request.GET.get(went_well.PARAMETER)
    offer = went_well.offered(person, asked, reviews=list(briefing.reviews.all()))
    if offer is not None:
        initial["what_went_well"] = offer.text
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.save_version(person, briefing, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Saved as version {version.number}.")
            return redirect("briefings:detail", briefing_id=briefing.pk)
    return _edit_page(request, form, briefing, offer, asked)


def _version(request: HttpRequest, briefing_id: int, version_id: int) -> BriefingVersion:
    person = actor(request)
    briefing = permissions.access_briefing(person, briefing_id)
    return permissions.access_version(person, briefing, version_id)


@per_object("briefings.access_version")
@require_GET
def version_pdf(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    record(Action.DOWNLOAD, person=actor(request), obj=version, detail="pdf")
    return reports.download(rendering.as_pdf(version), rendering.file_stem(version), "pdf")


@per_object("briefings.access_version")
@require_GET
def version_docx(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    record(Action.DOWNLOAD, person=actor(request), obj=version, detail="docx")
    return reports.download(rendering.as_docx(version), rendering.file_stem(version), "docx")


@requires(publication_permissions.can_propose)
@require_POST
def propose(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    version = _version(request, briefing_id, version_id)
    person = actor(request)
    with notify.deliveries() as emails:
        proposal = services.propose(person, version)
    found = len(proposal.findings)
    check = (
        f"The de-identification check found {things(found)} to clear before it can be approved."
        if found
        else "The de-identification check found nothing to clear."
    )
    tell = messages.warning if emails.missed_count() else messages.success
    tell(request, f"Version {version.number} is proposed for publication. {check} {gate_views.asked(emails)}")
    return redirect("briefings:detail", briefing_id=version.briefing_id)


def _proposal(request: HttpRequest, proposal_id: int) -> BriefingProposal:
    try:
        proposal = BriefingProposal.objects.select_related("briefing").get(pk=int(proposal_id))
    except (BriefingProposal.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    if not permissions.reads_every_briefing(actor(request)):
        raise Http404
    return proposal


def _page_for(request: HttpRequest, proposal: BriefingProposal) -> gate_views.Page:
    return lambda **bound: _detail_page(request, proposal.briefing, **bound)


def _back(proposal: BriefingProposal) -> str:
    return reverse("briefings:detail", args=[proposal.briefing_id])


@requires(publication_permissions.can_propose)
@require_POST
def clear(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.clear_hit(request, proposal, _back(proposal), _page_for(request, proposal))


@requires(publication_permissions.can_approve)
@recent_second_factor
@require_POST
def decide(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.decide(
        request,
        proposal,
        _back(proposal),
        approved="Approved: the briefing is in the public library.",
        page=_page_for(request, proposal),
    )


@requires(publication_permissions.can_unpublish)
@require_POST
def unpublish(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    return gate_views.take_down(request, proposal, _back(proposal))


@requires(permissions.can_write_briefings)
@require_POST
def circulate(request: HttpRequest, briefing_id: int, version_id: int) -> HttpResponse:
    """Send the version to every agency's safeguarding leads; the result says who actually received it."""
    version = _version(request, briefing_id, version_id)
    form = CirculateForm(request.POST)
    if form.is_valid():
        try:
            with notify.deliveries() as emails:
                circulation = services.circulate(actor(request), version, message=form.cleaned_data["message"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            cascades = list(circulation.agencies.select_related("agency"))
            names = {c.agency_id: c.agency.name for c in cascades}
            tell = messages.success if emails.reached_all(names) else messages.warning
            tell(request, notify.sent_summary(emails, names, what=f"Version {version.number}"))
            return redirect("briefings:circulation", circulation_id=circulation.pk)
    return _detail_page(request, version.briefing, version, circulate_form=form)


def _circulation(request: HttpRequest, circulation_id: int) -> Circulation:
    if not permissions.reads_every_briefing(actor(request)):
        raise Http404
    try:
        return Circulation.objects.select_related("version", "briefing", "sent_by").get(pk=int(circulation_id))
    except (Circulation.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None


@per_object("briefings.reads_every_briefing")
@require_GET
def circulation(request: HttpRequest, circulation_id: int) -> HttpResponse:
    item = _circulation(request, circulation_id)
    record(Action.VIEW, person=actor(request), obj=item, detail="dissemination")
    rows = services.reach(item)
    return render(
        request,
        "briefings/circulation.html",
        {
            "circulation": item,
            "rows": rows,
            "responded": sum(1 for r in rows if r["responded"]),
            "teams": sum(r["teams"] for r in rows),
            "staff": sum(r["staff"] for r in rows),
            "can_write": permissions.can_write_briefings(actor(request)),
        },
    )


@requires(permissions.can_write_briefings)
@require_POST
def remind(request: HttpRequest, circulation_id: int) -> HttpResponse:
    item = _circulation(request, circulation_id)
    with notify.deliveries() as emails:
        reminded = services.remind_now(actor(request), item)
    if reminded:
        names = {c.agency_id: c.agency.name for c in reminded}
        tell = messages.success if emails.reached_all(names) else messages.warning
        tell(request, notify.sent_summary(emails, names, what="A reminder"))
    else:
        messages.info(request, "No reminders sent: every agency has responded or was reminded today.")
    return redirect("briefings:circulation", circulation_id=item.pk)


@per_object("briefings.access_cascade")
@require_http_methods(["GET", "POST"])
def cascade(request: HttpRequest, cascade_id: int) -> HttpResponse:
    person = actor(request)
    item = permissions.access_cascade(person, cascade_id)
    can_add = permissions.can_add_record(person, item)
    form = CascadeForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise Http404
        if form.is_valid():
            try:
                entry = services.record_cascade(person, item, form.cleaned_data)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                reached = entry.staff_reached
                messages.success(
                    request,
                    f"Recorded: {entry.team}, {reached:,} staff reached. Thank you: the Board's business unit "
                    "can see your agency's cascade.",
                )
                return redirect("briefings:cascade", cascade_id=item.pk)
    else:
        record(Action.VIEW, person=person, obj=item, detail="cascade")
    return render(
        request,
        "briefings/cascade.html",
        {
            "cascade": item,
            "version": item.circulation.version,
            "records": list(item.records.all()),
            "form": form,
            "can_add": can_add,
            "board": Board.current(),
        },
    )


@per_object("briefings.cascade_leads")
@require_POST
def remove_record(request: HttpRequest, cascade_id: int, record_id: int) -> HttpResponse:
    person = actor(request)
    item = permissions.access_cascade(person, cascade_id)
    if not permissions.can_add_record(person, item):
        raise Http404
    try:
        team = services.remove_record(person, item, record_id)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"Removed: {team}.")
    return redirect("briefings:cascade", cascade_id=item.pk)
