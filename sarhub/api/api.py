"""The partner API (django-ninja): an agency's own systems list and update that agency's actions.

Mounted at /api/v1/ (config/urls.py includes this module, which is also its URLconf). The OpenAPI schema is
at /api/v1/openapi.json and the documentation at /api/v1/docs; both are public (they describe the API and
hold no data). Every operation needs `Authorization: Bearer <token>`; no session, sign-in, second factor or
CSRF token applies (a browser cannot send the header across sites, so there is nothing for CSRF to guard).

The rules are the pages' rules. A request acts as the token's acting person (one of its agency's
safeguarding leads), reads through sarhub.actions.selectors.visible_actions and writes only through
sarhub.actions.services.report_progress. On top of that, the API only ever exposes actions its token's
agency owns: never the Board's or another agency's, even where the acting person could see them (they are a
404, exactly as a missing action is). Reporting progress needs the token's write scope.

Bad input changes nothing and says why: unknown fields or query parameters, wrong types and ids out of range
are a 422 naming each field; the service's own checks (a status an agency may not set, a missing note) are a
422 with its messages; a stale `version` is a 409 carrying the action as it is now.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import URLPattern, path, re_path
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import DocsBase
from ninja.responses import Status as Reply
from ninja.security import HttpBearer
from pydantic import AfterValidator, ConfigDict

from sarhub.actions.models import AGENCY_STATUSES, STATUS_LABELS, Action, Status
from sarhub.actions.services import Conflict, report_progress
from sarhub.api import selectors, services
from sarhub.api.models import ApiToken
from sarhub.audit.models import Action as AuditAction
from sarhub.audit.models import Outcome
from sarhub.audit.services import record
from sarhub.core.access import public
from sarhub.core.forms import LARGEST_ID

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_OFFSET = 1_000_000
LARGEST_VERSION = 2**31 - 1  # a PositiveIntegerField holds no more
NOTHING_CHANGED = "Nothing was changed."


# --- Authentication -------------------------------------------------------------------------------------


class BearerToken(HttpBearer):
    """`Authorization: Bearer <token>`. Unknown, malformed, revoked and expired tokens are all a 401."""

    def __call__(self, request: HttpRequest) -> ApiToken | None:
        # Ninja's own version logs an unexpected header (which may be a token) when DEBUG is on.
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer":
            return None
        return self.authenticate(request, value.strip())

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        return services.authenticate(token)


class GovukDocs(DocsBase):
    """The API's documentation as a GOV.UK page built from the OpenAPI schema: no scripts from elsewhere
    (the Content Security Policy allows none), readable without JavaScript."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(
            request,
            "api/docs.html",
            {
                "api": api,
                "openapi_url": self.get_openapi_url(api, kwargs),
                "operations": _operations(schema),
                "schemas": _schemas(schema),
            },
        )


def _type_of(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in prop:
        return " or ".join(_type_of(p) for p in prop["anyOf"])
    if prop.get("type") == "array":
        return f"list of {_type_of(prop.get('items', {}))}"
    kind = str(prop.get("format") or prop.get("type") or "any")
    return kind if "enum" not in prop else f"one of: {', '.join(map(str, prop['enum']))}"


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    operations = []
    for route, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {})
            operations.append(
                {
                    "method": method.upper(),
                    "path": route,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": p["in"],
                            "required": p.get("required", False),
                            "type": _type_of(p.get("schema", {})),
                            "description": p.get("description") or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _type_of(body) if body else "",
                    "responses": [
                        {"status": status, "description": r.get("description", "")}
                        for status, r in op.get("responses", {}).items()
                    ],
                }
            )
    return operations


def _schemas(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for name, definition in schema.get("components", {}).get("schemas", {}).items():
        required = set(definition.get("required", []))
        found.append(
            {
                "name": name,
                "description": definition.get("description", ""),
                "fields": [
                    {
                        "name": field,
                        "type": _type_of(prop),
                        "required": field in required,
                        "description": prop.get("description", ""),
                    }
                    for field, prop in definition.get("properties", {}).items()
                ],
                "enum": definition.get("enum", []),
            }
        )
    return found


api = NinjaAPI(
    title="SAR Hub partner API",
    version="1",
    description=(
        "An agency's own systems list and update that agency's actions from the Board's action plan. "
        "Every request needs `Authorization: Bearer <token>`, a token the business unit issues for the agency. "
        "A token acts as one of the agency's safeguarding leads, under the same rules as the SAR Hub pages, and "
        "only ever sees the agency's own actions."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    docs=GovukDocs(),
    openapi_url="/openapi.json",
    docs_url="/docs",
)


# --- Schemas --------------------------------------------------------------------------------------------


def _clean_text(value: str) -> str:
    """Text that can be stored: no NUL characters (PostgreSQL refuses them) and valid Unicode."""
    if "\x00" in value:
        raise ValueError("Remove the null character (\\u0000) from the text")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("The text is not valid Unicode: remove unpaired surrogate characters") from None
    return value


CleanText = Annotated[str, AfterValidator(_clean_text)]


class AgencyOut(Schema):
    id: int
    name: str


class ActionOut(Schema):
    """One action of the agency's, as the action plan shows it."""

    id: int
    review_reference: str = Field(description="The review the action comes from, e.g. SAR-2026-001")
    recommendation_number: int | None = Field(description="The number of the recommendation it answers, if any")
    what: str = Field(description="What will be done")
    owner_agency: AgencyOut
    lead: str = Field(description="The named lead's name")
    due_on: date
    status: str = Field(description="The status", json_schema_extra={"enum": list(Status.values)})
    status_label: str
    rag: str = Field(description="Red, amber, green, complete or closed: derived from status and dates")
    success_measure: str = Field(description="The success measure or evidence of impact expected")
    completed_on: date | None
    version: int = Field(description="Send this back when reporting progress: it guards against lost updates")
    updated_at: datetime


class ActionPage(Schema):
    count: int = Field(description="How many actions match, in all")
    limit: int
    offset: int
    items: list[ActionOut]


class ProgressIn(Schema):
    """A progress report. Unknown fields are refused (422) and nothing is changed."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(
        strict=True,
        ge=1,
        le=LARGEST_VERSION,
        description="The action's `version` as you last read it. If it has changed since, nothing is saved (409)",
    )
    status: CleanText = Field(
        max_length=30,
        description=(
            "The new status. Agencies may set these only: 'assured' and 'not_implemented' are the business "
            "unit's decisions. 'awaiting_assurance' needs evidence attached to the action in SAR Hub first"
        ),
        json_schema_extra={"enum": [str(s) for s in AGENCY_STATUSES]},
    )
    note: CleanText = Field(
        min_length=1,
        max_length=5_000,
        pattern=r"\S",
        description="The progress made and the evidence for it (required; not only spaces)",
    )


class Error(Schema):
    detail: str


class FieldError(Schema):
    location: str = Field(description="body, query, path or header")
    field: str = Field(description="The field or parameter at fault (empty for the request as a whole)")
    message: str


class Invalid(Schema):
    detail: str
    errors: list[FieldError]


class ConflictOut(Schema):
    detail: str
    current: ActionOut


# --- Errors ---------------------------------------------------------------------------------------------

_PYDANTIC_MESSAGES = {
    "extra_forbidden": "This field is not recognised: remove it",
    "missing": "This field is required",
}


def _invalid(request: HttpRequest, errors: list[dict[str, str]]) -> HttpResponse:
    detail = f"The request is not valid. {NOTHING_CHANGED} Correct the fields listed and try again."
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def _on_invalid_input(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    errors = []
    for error in exc.errors:
        loc = [str(part) for part in error.get("loc", ())]
        location = loc[0] if loc else ""
        # Body errors are located as ("body", <parameter name>, field…): the parameter name means nothing to callers.
        field_parts = loc[2:] if location == "body" else loc[1:]
        message = _PYDANTIC_MESSAGES.get(str(error.get("type")), str(error.get("msg", "This value is not valid")))
        errors.append({"location": location, "field": ".".join(field_parts), "message": message})
    return _invalid(request, errors)


@api.exception_handler(AuthenticationError)
def _on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {
            "detail": "Send a valid API token as 'Authorization: Bearer <token>'. The token may be unknown, "
            "revoked or expired, or the person it acts as may no longer lead the agency."
        },
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="SAR Hub"'
    return response


@api.exception_handler(Http404)
def _on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    # Missing and another agency's alike: nothing about the action is disclosed.
    return api.create_response(request, {"detail": "Not found"}, status=404)


@api.exception_handler(HttpError)
def _on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=exc.status_code)


def _refuse_unknown_query(request: HttpRequest, allowed: set[str]) -> None:
    unknown = sorted(set(request.GET) - allowed)
    if unknown:
        raise NinjaValidationError([{"loc": ("query", name), "type": "extra_forbidden", "msg": ""} for name in unknown])


# --- Reading --------------------------------------------------------------------------------------------


def _token(request: HttpRequest) -> ApiToken:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return token


def _action_out(action: Action) -> dict[str, Any]:
    return {
        "id": action.pk,
        "review_reference": action.review.reference,
        "recommendation_number": action.recommendation.number if action.recommendation_id else None,  # type: ignore[union-attr]
        "what": action.what,
        "owner_agency": {"id": action.owner_agency_id, "name": action.owner_label},
        "lead": action.lead.full_name,
        "due_on": action.due_on,
        "status": action.status,
        "status_label": STATUS_LABELS.get(action.status, action.status),
        "rag": action.rag(),
        "success_measure": action.success_measure,
        "completed_on": action.completed_on,
        "version": action.version,
        "updated_at": action.updated_at,
    }


def _get(token: ApiToken, action_id: int) -> Action:
    action = selectors.agency_actions(token).filter(pk=action_id).first()
    if action is None:
        raise Http404
    return action


ActionId = Annotated[int, Path(ge=1, le=LARGEST_ID, description="The action's id")]
LIST_PARAMETERS = {"status", "due_before", "due_after", "review", "limit", "offset"}


@api.get(
    "/actions",
    url_name="actions",
    response={200: ActionPage, 401: Error, 422: Invalid},
    summary="List the agency's actions",
    description="The token's agency's actions, earliest due first, filtered and a page at a time.",
)
def list_actions(
    request: HttpRequest,
    status: Annotated[Status | None, Query(description="Only actions with this status")] = None,
    due_before: Annotated[date | None, Query(description="Only actions due on or before this date")] = None,
    due_after: Annotated[date | None, Query(description="Only actions due on or after this date")] = None,
    review: Annotated[
        CleanText | None, Query(max_length=20, description="Only actions of this review, by reference")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"At most {MAX_LIMIT}")] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict[str, Any]:
    _refuse_unknown_query(request, LIST_PARAMETERS)
    token = _token(request)
    actions = selectors.agency_actions(token)
    if status is not None:
        actions = actions.filter(status=status)
    if due_before is not None:
        actions = actions.filter(due_on__lte=due_before)
    if due_after is not None:
        actions = actions.filter(due_on__gte=due_after)
    if review:
        actions = actions.filter(review__reference=review)
    count = actions.count()
    items = list(actions[offset : offset + limit])
    record(
        AuditAction.VIEW,
        person=token.acting_person,
        obj=("actions.action", "list"),
        detail=f"{services.token_label(token)}: {len(items)} of {count} actions",
    )
    return {"count": count, "limit": limit, "offset": offset, "items": [_action_out(a) for a in items]}


@api.get(
    "/actions/{action_id}",
    url_name="action",
    response={200: ActionOut, 401: Error, 404: Error, 422: Invalid},
    summary="One of the agency's actions",
    description="404 for an action that does not exist or is not the agency's.",
)
def get_action(request: HttpRequest, action_id: ActionId) -> dict[str, Any]:
    _refuse_unknown_query(request, set())
    token = _token(request)
    action = _get(token, action_id)
    record(AuditAction.VIEW, person=token.acting_person, obj=action, detail=services.token_label(token))
    return _action_out(action)


# --- Writing --------------------------------------------------------------------------------------------


def _field_errors(error: DjangoValidationError) -> list[dict[str, str]]:
    if hasattr(error, "error_dict"):
        return [
            {"location": "body", "field": field, "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"location": "body", "field": "", "message": message} for message in error.messages]


@api.post(
    "/actions/{action_id}/progress",
    url_name="action-progress",
    response={200: ActionOut, 400: Error, 401: Error, 403: Error, 404: Error, 409: ConflictOut, 422: Invalid},
    summary="Report progress on one of the agency's actions",
    description=(
        "Needs a token with the write scope. Send the action's current `version`: if the action has changed "
        "since, nothing is saved and the answer (409) carries the action as it is now."
    ),
)
def post_progress(request: HttpRequest, action_id: ActionId, payload: ProgressIn) -> Any:
    _refuse_unknown_query(request, set())
    token = _token(request)
    person = token.acting_person
    label = services.token_label(token)
    action = _get(token, action_id)
    if not token.can_write:
        record(
            AuditAction.ACCESS_DENIED, person=person, obj=action, outcome=Outcome.DENIED, detail=f"{label}: read only"
        )
        return Reply(403, {"detail": f"This token can only read actions: it cannot report progress. {NOTHING_CHANGED}"})
    try:
        with transaction.atomic():
            current = report_progress(person, action, payload.version, {"status": payload.status, "note": payload.note})
            record(AuditAction.UPDATE, person=person, obj=current, detail=f"{label}: progress reported")
    except Conflict as conflict:
        record(AuditAction.UPDATE, person=person, obj=action, outcome=Outcome.FAILURE, detail=f"{label}: conflict")
        if conflict.current.owner_agency_id != token.agency_id:
            raise Http404 from None  # moved to another owner meanwhile: no longer this token's to see
        return Reply(409, {"detail": conflict.messages[0], "current": _action_out(conflict.current)})
    except PermissionDenied:
        record(AuditAction.ACCESS_DENIED, person=person, obj=action, outcome=Outcome.DENIED, detail=label)
        return Reply(403, {"detail": f"The token's person may not report progress on this action. {NOTHING_CHANGED}"})
    except DjangoValidationError as error:
        record(AuditAction.UPDATE, person=person, obj=action, outcome=Outcome.FAILURE, detail=f"{label}: invalid")
        return _invalid(request, _field_errors(error))
    return Reply(200, _action_out(current))


# --- URLs -----------------------------------------------------------------------------------------------


def _not_found(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """Any other address under the API: a JSON 404, like a missing action (not the HTML page)."""
    return JsonResponse({"detail": "Not found"}, status=404)


def _token_only(view: Any) -> Any:
    """An API operation authenticates by token alone: exempt from sign-in and the second factor (Ninja
    already exempts its views from CSRF)."""
    view.login_required = False
    view.second_factor_not_required = True
    view.access_rule = "api.token"
    return view


def _urlpatterns() -> list[URLPattern]:
    """The API's routes: the schema and docs are public pages; everything else answers to a token."""
    patterns: list[URLPattern] = []
    for pattern in api.urls[0]:
        assert isinstance(pattern, URLPattern)
        if pattern.name in ("openapi-json", "openapi-view"):
            public(pattern.callback)
        elif pattern.name == "api-root":
            # Ninja reverses this name for the schema's paths; its own view is an HTML 404.
            pattern = path("", _token_only(_not_found), name="api-root")
        else:
            _token_only(pattern.callback)
        patterns.append(pattern)
    patterns.append(re_path(r"^.+$", _token_only(_not_found)))
    return patterns


app_name = "api"
urlpatterns = _urlpatterns()
