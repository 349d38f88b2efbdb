"""Partnership management for the business unit: the Board, agencies, people, roles and invitations."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, recent_second_factor, requires
from sarhub.core.forms import apply_errors
from sarhub.core.paginator import CappedPaginator, CountedPaginator
from sarhub.core.roles import Role, role_phrase
from sarhub.partnership import forms, permissions, selectors, services
from sarhub.partnership.models import Agency, Board, Invitation, Membership, RoleGrant
from sarhub.partnership.permissions import can_manage_partnership

PAGE_SIZE = 25

PEOPLE_COUNT_CAP = 500


@requires(can_manage_partnership)
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "partnership/overview.html", selectors.overview_counts(actor(request)))


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest) -> HttpResponse:
    board = Board.objects.order_by("pk").first() or Board.current()
    form = forms.BoardForm(request.POST or None, instance=board)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_board(actor(request), form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The Board's details have been saved.")
            return redirect("partnership:overview")
    return render(request, "partnership/board_form.html", {"form": form})


# --- Agencies


@requires(can_manage_partnership)
@require_GET
def agency_list(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    counts = selectors.agency_people_counts(user)
    agencies = list(selectors.agencies(user))
    leads = selectors.safeguarding_lead_counts(user, [agency.pk for agency in agencies])
    rows = [(agency, counts.get(agency.pk, 0), leads.get(agency.pk, 0)) for agency in agencies]
    # Only an active agency is sent anything, so only an active agency with no lead is flagged.
    without_lead = [agency for agency, _, lead_count in rows if agency.is_active and not lead_count]
    return render(
        request,
        "partnership/agency_list.html",
        {"rows": rows, "without_lead": without_lead, "agencies_url": reverse("partnership:agency-list")},
    )


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def agency_create(request: HttpRequest) -> HttpResponse:
    return _agency_form(request, Agency(is_active=True))


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, agency_id: int) -> HttpResponse:
    return _agency_form(request, permissions.access_agency(actor(request), agency_id))


def _agency_form(request: HttpRequest, agency: Agency) -> HttpResponse:
    creating = agency.pk is None
    form = forms.AgencyForm(request.POST or None, instance=agency)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_agency(actor(request), agency, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _agency_saved(saved, creating=creating))
            return redirect("partnership:agency-detail", agency_id=saved.pk)
    return render(request, "partnership/agency_form.html", {"form": form, "agency": agency, "creating": creating})


def _agency_saved(agency: Agency, *, creating: bool) -> str:
    """What was saved, and what follows from it: a new agency has no safeguarding lead yet."""
    if not agency.is_active:
        return f"{agency.name} has been {'added' if creating else 'saved'} as an inactive partner."
    if creating:
        return (
            f"{agency.name} has been added. It has no safeguarding lead yet, so nothing sent to the agency "
            "reaches anyone: invite one from this page."
        )
    return f"{agency.name} has been saved."


@requires(can_manage_partnership)
@require_GET
def agency_detail(request: HttpRequest, agency_id: int) -> HttpResponse:
    agency = permissions.access_agency(actor(request), agency_id)
    agency_people, count = selectors.agency_people(actor(request), agency)
    page = CountedPaginator(agency_people, PAGE_SIZE, count=count).get_page(request.GET.get("page"))
    roles = selectors.current_roles(actor(request), [person["id"] for person in page])
    lead_count = selectors.safeguarding_lead_counts(actor(request), [agency.pk]).get(agency.pk, 0)
    return render(
        request,
        "partnership/agency_detail.html",
        {
            "agency": agency,
            "page": page,
            "roles": roles,
            "lead_count": lead_count,
            "invite_lead_url": f"{reverse('partnership:invitation-create')}?"
            + urlencode({"agency": agency.pk, "roles": Role.AGENCY_SAFEGUARDING_LEAD}),
            "people_url": reverse("partnership:person-list"),
        },
    )


# --- People


@requires(can_manage_partnership)
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    form = forms.PeopleFilterForm(request.GET or None)
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "search": data.get("q") or "",
            "agency_id": data.get("agency"),
            "role": data.get("role") or "",
            "status": data.get("status") or "active",
        }
    people = selectors.people(actor(request), **filters)
    page = CappedPaginator(people, PAGE_SIZE, cap=PEOPLE_COUNT_CAP).get_page(request.GET.get("page"))
    roles = selectors.current_roles(actor(request), [person["id"] for person in page])
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "partnership/person_list.html",
        # Rows link to people_url + id + "/" (the person-detail route), saving a reverse() per row.
        {
            "form": form,
            "page": page,
            "roles": roles,
            "query": query.urlencode(),
            "people_url": reverse("partnership:person-list"),
        },
    )


@requires(can_manage_partnership)
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    record(Action.VIEW, person=actor(request), obj=person)
    memberships = list(selectors.memberships_of(actor(request), person))
    # The roles just read are the person's current roles too: no second query for the permission check.
    person.__dict__["active_memberships"] = [m for m in memberships if m.ended_at is None]
    return render(
        request,
        "partnership/person_detail.html",
        {
            "person": person,
            "memberships": memberships,
            "pending_grants": selectors.pending_grants_of(actor(request), person),
            "can_change": permissions.can_change_person(actor(request), person),
        },
    )


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    if not permissions.can_change_person(actor(request), person):
        raise Http404
    form = forms.PersonDetailsForm(
        request.POST or None, initial={"full_name": person.full_name, "job_title": person.job_title}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_person_details(actor(request), person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Their details have been saved.")
            return redirect("partnership:person-detail", person_id=person.pk)
    return render(request, "partnership/person_edit.html", {"form": form, "person": person})


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def role_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    if not permissions.can_change_person(actor(request), person):
        raise Http404
    form = forms.GrantRoleForm(request.POST or None, actor=actor(request))
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.grant_role(
                actor(request),
                person,
                form.cleaned_data["role"],
                form.cleaned_data.get("agency"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if isinstance(membership, RoleGrant):
                messages.success(
                    request,
                    f"The role {role_phrase(membership.role)} for {person.full_name} is waiting for a second "
                    "person to confirm it. It does not work until then.",
                )
            else:
                at = f" at {membership.agency.name}" if membership.agency_id and membership.agency else ""
                messages.success(request, f"{person.full_name} now has the role {role_phrase(membership.role)}{at}.")
            return redirect("partnership:person-detail", person_id=person.pk)
    return render(request, "partnership/role_add.html", {"form": form, "person": person})


@requires(can_manage_partnership)
@recent_second_factor  # the act that gives a powerful role: a fresh security code first
@require_POST
def role_grant_confirm(request: HttpRequest, person_id: int, grant_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    grant = permissions.access_role_grant(actor(request), person, grant_id)
    try:
        services.confirm_role_grant(actor(request), grant)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{person.full_name} now has the role {role_phrase(grant.role)}.")
    return redirect("partnership:person-detail", person_id=person.pk)


@requires(can_manage_partnership)
@require_POST
def role_grant_decline(request: HttpRequest, person_id: int, grant_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    grant = permissions.access_role_grant(actor(request), person, grant_id)
    try:
        services.decline_role_grant(actor(request), grant)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The role {role_phrase(grant.role)} for {person.full_name} will not be given.")
    return redirect("partnership:person-detail", person_id=person.pk)


@requires(can_manage_partnership)
@require_POST
def role_end(request: HttpRequest, person_id: int, membership_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    membership = Membership.objects.filter(pk=membership_id, person=person).first()
    if membership is None or not permissions.can_change_person(actor(request), person):
        raise Http404
    try:
        services.end_membership(actor(request), membership)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        at = f" at {membership.agency.name}" if membership.agency_id and membership.agency else ""
        messages.success(
            request,
            f"{person.full_name} no longer has the role {role_phrase(membership.role)}{at}. "
            "It stops working on their next click.",
        )
    return redirect("partnership:person-detail", person_id=person.pk)


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def person_deactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    if not permissions.can_change_person(actor(request), person):
        raise Http404
    if request.method == "POST":
        try:
            services.deactivate_person(actor(request), person)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(request, f"{person.full_name} has been deactivated and signed out everywhere.")
        return redirect("partnership:person-detail", person_id=person.pk)
    return render(request, "partnership/person_deactivate.html", {"person": person})


@requires(can_manage_partnership)
@require_POST
def person_reactivate(request: HttpRequest, person_id: int) -> HttpResponse:
    person = permissions.access_person(actor(request), person_id)
    if not permissions.can_change_person(actor(request), person):
        raise Http404
    try:
        services.reactivate_person(actor(request), person)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{person.full_name} can sign in again.")
    return redirect("partnership:person-detail", person_id=person.pk)


# --- Invitations


@requires(can_manage_partnership)
@require_GET
def invitation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.invitations(actor(request)), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "partnership/invitation_list.html",
        # Row actions post to invitations_url + id + "/send-again/" or "/withdraw/" (saves a reverse() per row).
        {"page": page, "invitations_url": reverse("partnership:invitation-list")},
    )


def _invitation_initial(request: HttpRequest) -> dict[str, Any]:
    """An invitation started from an agency's page ("Invite a safeguarding lead"): the agency and the role
    chosen already. Anything else in the address is ignored; the person can change both."""
    initial: dict[str, Any] = {}
    agency = request.GET.get("agency", "")
    if agency.isdigit() and len(agency) < 18:
        initial["agency"] = int(agency)
    roles = [role for role in request.GET.getlist("roles") if role in Role.values]
    if roles:
        initial["roles"] = roles
    return initial


def invitation_sent(invitation: Invitation) -> str:
    """The invitation as it was saved and sent: to whom, with which roles, at which agency."""
    roles = [role_phrase(role) for role in invitation.roles]
    listed = roles[0] if len(roles) == 1 else f"{', '.join(roles[:-1])} and {roles[-1]}"
    at = f" at {invitation.agency.name}" if invitation.agency_id and invitation.agency else ""
    return f"An invitation has been sent to {invitation.email}, as {listed}{at}."


@requires(can_manage_partnership)
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest) -> HttpResponse:
    form = forms.InvitationForm(request.POST or None, actor=actor(request), initial=_invitation_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            issued = services.invite_person(
                actor(request),
                email=data["email"],
                full_name=data["full_name"],
                job_title=data.get("job_title") or "",
                agency=data.get("agency"),
                roles=list(data["roles"]),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, invitation_sent(issued.invitation))
            return redirect("partnership:invitation-list")
    return render(request, "partnership/invitation_form.html", {"form": form})


@requires(can_manage_partnership)
@require_POST
def invitation_resend(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = permissions.access_invitation(actor(request), invitation_id)
    try:
        services.resend_invitation(actor(request), invitation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            f"A new invitation link has been sent to {invitation.email}. The old link no longer works.",
        )
    return redirect("partnership:invitation-list")


@requires(can_manage_partnership)
@require_POST
def invitation_withdraw(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = permissions.access_invitation(actor(request), invitation_id)
    try:
        services.withdraw_invitation(actor(request), invitation)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"The invitation to {invitation.email} has been withdrawn.")
    return redirect("partnership:invitation-list")
