"""The action plan's pages: the Board-wide plan, an agency's view, "my actions", one action (progress,
evidence, assurance, impact), a review's actions and decisions not to implement, and the exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sarhub.actions import exports, permissions, selectors, services
from sarhub.actions.forms import (
    AssureForm,
    CloseForm,
    EditForm,
    ImpactForm,
    NewActionForm,
    NotImplementedForm,
    PlanFilterForm,
    ProgressForm,
)
from sarhub.actions.models import (
    RAG_LABELS,
    STATUS_LABELS,
    Action,
    ProgressUpdate,
    Status,
    rag_for,
)
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.services import record
from sarhub.core.access import actor, per_object, recent_second_factor, requires
from sarhub.core.components import lines, link, rag_tag, small, table_row
from sarhub.core.downloads import attachment
from sarhub.core.forms import apply_errors
from sarhub.core.links import url_maker
from sarhub.core.paginator import CountedPaginator
from sarhub.documents.validation import UploadRefused
from sarhub.partnership.models import Agency
from sarhub.reviews import permissions as review_permissions
from sarhub.reviews import sections
from sarhub.reviews.permissions import lead_agency_ids

PER_PAGE = 25


def _filters(request: HttpRequest) -> tuple[PlanFilterForm, dict[str, Any] | None]:
    form = PlanFilterForm(request.GET or None, agencies=selectors.agency_choices())
    if not request.GET:
        return form, {}
    return form, (form.cleaned_data if form.is_valid() else None)


UPDATE_LABELS = {value: str(label) for value, label in ProgressUpdate.Kind.choices}
ROW_COLUMNS = ("id", "what", "review__reference", "owner_agency__name", "lead__full_name", "due_on", "status")


def plan_rows(rows: Any, today: Any) -> SafeString:
    """The plan's table rows, built in Python from plain tuples (a template loop with a URL and an include
    per row, or a model instance per row, cost more than the rest of the page): every value escaped."""
    link_to = url_maker("actions:detail")
    out = []
    for pk, what, reference, owner, lead, due_on, status in rows:
        short = what if len(what) <= 90 else what[:89] + "…"
        rag = rag_for(status, due_on, today)
        out.append(
            table_row(
                link(link_to(pk), short),
                reference,
                lines(owner or "The Board", small(lead)),
                f"{due_on:%-d %b %Y}",
                STATUS_LABELS.get(status, status),
                rag_tag(rag, RAG_LABELS[rag]),
            )
        )
    return SafeString("".join(out))


def _scope(request: HttpRequest) -> str:
    """Who may see what, for the cached counts: the whole plan, or this person's agencies and own actions."""
    person = actor(request)
    if permissions.reads_whole_plan(person):
        return "whole plan"
    return f"person {person.pk}; agencies {sorted(lead_agency_ids(person))}"


def _list_page(
    request: HttpRequest, *, title: str, actions: Any, extra: dict[str, Any], filters: dict[str, Any]
) -> HttpResponse:
    today = timezone.localdate()
    counts = selectors.summary(actor(request), _scope(request), filters, actions)
    paginator = CountedPaginator(actions.values_list(*ROW_COLUMNS), PER_PAGE, count=counts["total"])
    page = paginator.get_page(request.GET.get("page"))
    kept = request.GET.copy()
    kept.pop("page", None)
    rows = plan_rows(page.object_list, today)
    return render(
        request,
        "actions/plan.html",
        {
            "title": title,
            "page": page,
            "rows": rows,
            "counts": counts,
            "query": kept.urlencode(),
            "can_manage": permissions.can_manage_actions(actor(request)),
            "whole_plan": permissions.reads_whole_plan(actor(request)),
            **extra,
        },
    )


@requires(permissions.can_list_actions)
@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    form, filters = _filters(request)
    actions = selectors.plan(person, filters) if filters is not None else Action.objects.none()
    whole = permissions.reads_whole_plan(person)
    return _list_page(
        request,
        title="The Board's action plan" if whole else "Your agency's actions",
        actions=actions,
        extra={"form": form, "exports": True},
        filters={"view": "plan", **(filters if filters is not None else {"invalid": True})},
    )


@requires(permissions.can_list_actions)
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person = actor(request)
    actions = selectors.led_by(person)
    return _list_page(request, title="Your actions", actions=actions, extra={"mine": True}, filters={"view": "mine"})


@per_object("actions.can_view_agency")
@require_GET
def agency(request: HttpRequest, agency_id: int) -> HttpResponse:
    person = actor(request)
    try:
        owner = Agency.objects.get(pk=int(agency_id))
    except (Agency.DoesNotExist, ValueError, OverflowError):
        raise Http404 from None
    if not permissions.can_view_agency(person, owner.pk):
        raise Http404
    actions = selectors.owned_by(person, owner)
    return _list_page(
        request,
        title=f"Actions for {owner.name}",
        actions=actions,
        extra={"agency": owner},
        filters={"view": "agency", "agency": owner.pk},
    )


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    person = actor(request)
    _form, filters = _filters(request)
    if filters is None:
        messages.error(request, "Correct the filters before exporting")
        return redirect(f"{reverse('actions:plan')}?{request.GET.urlencode()}")
    actions = selectors.table_rows(selectors.plan(person, filters))
    today = timezone.localdate()
    record(
        AuditAction.EXPORT,
        person=person,
        obj=("actions", "plan"),
        detail=f"{kind}; filters {sorted(k for k, v in filters.items() if v)}",
    )
    stem = f"action-plan-{today:%Y-%m-%d}"
    if kind == "csv":
        return attachment(exports.as_csv(actions, today), f"{stem}.csv", "text/csv; charset=utf-8")
    return attachment(
        exports.as_xlsx(actions, today),
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@requires(permissions.can_list_actions)
@recent_second_factor
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@requires(permissions.can_list_actions)
@recent_second_factor
@require_GET
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


def _detail_context(request: HttpRequest, action: Action, **forms: Any) -> dict[str, Any]:
    person = actor(request)
    today = timezone.localdate()
    evidence = selectors.evidence(action)
    manager = permissions.can_manage_actions(person)
    can_report = permissions.can_report_progress(person, action) and action.status not in (
        Status.ASSURED,
        Status.NOT_IMPLEMENTED,
    )
    awaiting, assured = action.status == Status.AWAITING_ASSURANCE, action.status == Status.ASSURED
    is_open = action.status not in (Status.ASSURED, Status.NOT_IMPLEMENTED)
    initial = {"version": action.version}
    answers = [
        *(
            [f"Recommendation {action.recommendation.number}: {action.recommendation.text}"]
            if action.recommendation
            else []
        ),
        *([f"Finding {action.finding.number}: {action.finding.text}"] if action.finding else []),
    ]
    return {
        "action": action,
        "answers": "; ".join(answers),
        "rag": action.rag(today),
        "rag_label": RAG_LABELS[action.rag(today)],
        "status_label": STATUS_LABELS.get(action.status, action.status),
        "updates": [
            {
                "at": u.created_at,
                "kind": UPDATE_LABELS.get(u.kind, u.kind),
                "change": ""
                if u.status_before == u.status_after
                else f": {STATUS_LABELS.get(u.status_before, '')} to {STATUS_LABELS.get(u.status_after, '')}",
                "note": u.note,
                "by": u.created_by.full_name,
            }
            for u in selectors.history(action)
        ],
        "evidence": evidence,
        "can_manage": manager,
        "can_report": can_report,
        # Only the forms this person will see are built.
        "progress_form": forms.get("progress_form")
        or (ProgressForm(initial={**initial, "status": action.status}) if can_report else None),
        "assure_form": forms.get("assure_form") or (AssureForm(initial=initial) if manager and awaiting else None),
        "impact_form": forms.get("impact_form") or (ImpactForm(initial=initial) if manager and assured else None),
        "close_form": forms.get("close_form") or (CloseForm(initial=initial) if manager and is_open else None),
        "conflict": forms.get("conflict"),
        "error_form": next((f for k, f in forms.items() if k.endswith("_form") and f is not None and f.errors), None),
        "awaiting": awaiting,
        "assured": assured,
        "open": is_open,
    }


@per_object("actions.access_action")
@require_GET
def detail(request: HttpRequest, action_id: int) -> HttpResponse:
    person = actor(request)
    action = permissions.access_action(person, action_id)
    record(AuditAction.VIEW, person=person, obj=action)
    return render(request, "actions/detail.html", _detail_context(request, action))


def _conflicted(request: HttpRequest, error: services.Conflict, form_name: str, form: Any) -> HttpResponse:
    form.add_error(None, error.messages[0])
    context = _detail_context(request, error.current, **{form_name: form, "conflict": error.current})
    return render(request, "actions/detail.html", context, status=409)


@per_object("actions.reporters")
@require_POST
def progress(request: HttpRequest, action_id: int) -> HttpResponse:
    person = actor(request)
    action = permissions.access_action(person, action_id)
    if not permissions.can_report_progress(person, action):
        raise Http404
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            current, attached = services.report_progress_with_evidence(
                person, action, form.cleaned_data, form.cleaned_data.get("evidence")
            )
        except services.Conflict as error:
            return _conflicted(request, error, "progress_form", form)
        except UploadRefused as refusal:
            form.add_error("evidence", str(refusal))
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, progress_message(current, attached))
            return redirect("actions:detail", action_id=action.pk)
    return render(request, "actions/detail.html", _detail_context(request, action, progress_form=form), status=400)


def progress_message(action: Action, attached: Any = None) -> str:
    """What was recorded, as it now stands: the status saved, and the evidence attached with it."""
    message = f"Progress recorded. The action's status is now {STATUS_LABELS[action.status].lower()}."
    if attached is not None:
        message += f" Evidence attached: {attached.display_name}."
    return message


def assure_message(action: Action) -> str:
    """The decision as saved: assured (with the impact check's date), or back to on track."""
    if action.status == Status.ASSURED and action.impact_check_on:
        return f"Assured complete. Its impact check is due on {action.impact_check_on:%-d %B %Y}."
    return (
        f"Returned with your reasons. The action's status is {STATUS_LABELS[action.status].lower()} again, "
        "and your reasons are in its history."
    )


def _decision(
    request: HttpRequest,
    action_id: int,
    form_class: Any,
    form_name: str,
    change: Callable[[Any, Action, Any, dict[str, Any]], Action],
    done: Callable[[Action], str],
) -> HttpResponse:
    """A business-unit decision posted from an action's page: made from the version the person saw
    (409 with the current values if someone changed it first), or the page again with the form's errors."""
    person = actor(request)
    action = permissions.access_action(person, action_id)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            current = change(person, action, form.cleaned_data.get("version"), form.cleaned_data)
        except services.Conflict as error:
            return _conflicted(request, error, form_name, form)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done(current))
            return redirect("actions:detail", action_id=action.pk)
    return render(request, "actions/detail.html", _detail_context(request, action, **{form_name: form}), status=400)


@requires(permissions.can_manage_actions)
@require_POST
def assure(request: HttpRequest, action_id: int) -> HttpResponse:
    return _decision(
        request,
        action_id,
        AssureForm,
        "assure_form",
        services.assure,
        assure_message,
    )


@requires(permissions.can_manage_actions)
@require_POST
def impact(request: HttpRequest, action_id: int) -> HttpResponse:
    return _decision(
        request,
        action_id,
        ImpactForm,
        "impact_form",
        lambda person, action, version, data: services.record_impact(person, action, version, data["outcome"]),
        lambda a: "Impact check recorded.",
    )


@requires(permissions.can_manage_actions)
@require_POST
def close(request: HttpRequest, action_id: int) -> HttpResponse:
    return _decision(
        request,
        action_id,
        CloseForm,
        "close_form",
        lambda person, action, version, data: services.close_not_implemented(person, action, version, data["reason"]),
        lambda a: "Recorded as not implemented, with the Board's reasons.",
    )


def _initial(action: Action) -> dict[str, Any]:
    return {
        "what": action.what,
        "owner_agency": action.owner_agency_id,
        "lead": action.lead_id,
        "due_on": action.due_on,
        "success_measure": action.success_measure,
        "version": action.version,
    }


@requires(permissions.can_manage_actions)
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, action_id: int) -> HttpResponse:
    person = actor(request)
    action = permissions.access_action(person, action_id)
    form = EditForm(request.POST or None, initial=_initial(action))
    current = None
    if request.method == "POST" and form.is_valid():
        try:
            services.update_details(person, action, form.cleaned_data.get("version"), form.cleaned_data)
        except services.Conflict as error:
            form.add_error(None, error.messages[0])
            current = error.current
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The action's details are saved.")
            return redirect("actions:detail", action_id=action.pk)
    return render(
        request,
        "actions/edit.html",
        {"form": form, "action": action, "current": current, "status_labels": STATUS_LABELS},
        status=409 if current else 200,
    )


@requires(permissions.can_manage_actions)
@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    initial: dict[str, Any] = {}
    proposal = selectors.proposal_of(review, request.GET.get("proposal", ""))
    if proposal is not None:  # a learning-event proposal for the action plan, carried into the form
        initial = {"proposal": proposal.pk, "what": proposal.text, "owner_agency": proposal.agency_id}
    form = NewActionForm(request.POST or None, review=review, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.create_action(person, review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Action {action.pk} added to the plan, led by {action.lead.full_name}.")
            return redirect("actions:detail", action_id=action.pk)
    return render(request, "actions/new.html", {"form": form, "review": review})


@requires(permissions.can_manage_actions)
@require_http_methods(["GET", "POST"])
def not_implemented(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    form = NotImplementedForm(request.POST or None, review=review)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.record_not_implemented(person, review, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            what = " and ".join(
                [
                    *([f"recommendation {decision.recommendation.number}"] if decision.recommendation else []),
                    *([f"finding {decision.finding.number}"] if decision.finding else []),
                ]
            )
            messages.success(request, f"The Board's decision not to implement {what} is recorded, with its reasons.")
            return redirect("actions:for-review", review_id=review.pk)
    return render(request, "actions/not_implemented.html", {"form": form, "review": review})


@requires(review_permissions.can_list_reviews)
@require_GET
def for_review(request: HttpRequest, review_id: int) -> HttpResponse:
    person = actor(request)
    review = review_permissions.access_review(person, review_id)
    record(AuditAction.VIEW, person=person, obj=review, detail="actions")
    today = timezone.localdate()
    actions = selectors.for_review(review)
    return render(
        request,
        "actions/for_review.html",
        {
            "review": review,
            "section_nav": sections.section_nav(review, "actions:for-review"),
            "rows": [
                {
                    "action": a,
                    "rag": a.rag(today),
                    "rag_label": RAG_LABELS[a.rag(today)],
                    "status_label": STATUS_LABELS[a.status],
                }
                for a in actions
            ],
            "decisions": selectors.not_implemented(review),
            "can_manage": permissions.can_manage_actions(person),
        },
    )
