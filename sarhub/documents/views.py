"""Adding documents and versions to a record, and downloading them (only ever as attachments)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.core.access import actor, per_object
from sarhub.core.downloads import stored_attachment
from sarhub.documents import permissions, services
from sarhub.documents.forms import NewDocumentForm, NewVersionForm
from sarhub.documents.validation import UploadRefused


def _too_big(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > settings.UPLOAD_MAX_BYTES + 1024 * 1024


def _refused_as_too_big(form: Form) -> Form:
    """The form, unread (the request's body is never parsed), with GOV.UK's "too big" error on its file
    field. An unbound form has no `cleaned_data`, which `add_error` needs: it is given an empty one."""
    form.cleaned_data = {}
    form.add_error("file", f"The selected file must be smaller than {settings.UPLOAD_MAX_BYTES // (1024 * 1024)} MB")
    return form


@per_object("documents.owner")
@require_http_methods(["GET", "POST"])
def add_document(request: HttpRequest, owner_label: str, owner_id: int) -> HttpResponse:
    person = actor(request)
    owner = permissions.owner_from_label(person, owner_label, owner_id)
    rules = permissions.rules_for(owner)
    assert rules is not None
    types: dict[str, Any] = {"document_types": permissions.types_for(owner), "default_type": rules.default_type(owner)}
    if request.method == "POST" and _too_big(request):
        form = _refused_as_too_big(NewDocumentForm(**types))
        return render(
            request,
            "documents/add.html",
            {"form": form, "owner_label": rules.label(owner), "back": rules.detail_url(owner)},
            status=413,
        )
    form = NewDocumentForm(request.POST or None, request.FILES or None, **types)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_document(
                person,
                owner,
                title=form.cleaned_data["title"],
                classification=form.cleaned_data["classification"],
                upload=form.cleaned_data["file"],
                document_type=form.cleaned_data.get("document_type", ""),
            )
        except UploadRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            messages.success(request, f"{form.cleaned_data['title']} has been added.")
            return redirect(rules.detail_url(owner))
    return render(
        request,
        "documents/add.html",
        {"form": form, "owner_label": rules.label(owner), "back": rules.detail_url(owner)},
    )


@per_object("documents.owner")
@require_http_methods(["GET", "POST"])
def add_version(request: HttpRequest, document_id: int) -> HttpResponse:
    person = actor(request)
    document = permissions.access_document_for_adding(person, document_id)
    rules = permissions.rules_for(document.owner)
    assert rules is not None
    back = rules.detail_url(document.owner)
    if request.method == "POST" and _too_big(request):
        form = _refused_as_too_big(NewVersionForm())
        return render(
            request, "documents/add_version.html", {"form": form, "document": document, "back": back}, status=413
        )
    form = NewVersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.add_version(person, document, upload=form.cleaned_data["file"])
        except UploadRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            messages.success(request, f"Version {version.number} of {document.title} has been added.")
            return redirect(back)
    return render(request, "documents/add_version.html", {"form": form, "document": document, "back": back})


@per_object("documents.owner")
@require_GET
def download(request: HttpRequest, version_id: int) -> FileResponse:
    person = actor(request)
    version = permissions.access_version(person, version_id)
    record(Action.DOWNLOAD, person=person, obj=version.document, detail=f"version {version.number}")
    return stored_attachment(version)
