"""Storing uploads: checked by content, stored under a made-up name, versioned and audited."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any
from uuid import uuid4

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from sarhub.audit.models import Action
from sarhub.audit.services import record
from sarhub.documents import permissions
from sarhub.documents.models import Classification, Document, DocumentType, DocumentVersion, type_from_title
from sarhub.documents.validation import UploadRefused, detect, safe_display_name


def _read(upload: Any) -> bytes:
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise UploadRefused(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    data: bytes = upload.read(limit + 1)
    return data


def _check_quota(person: Any, size: int) -> None:
    since = timezone.now() - timedelta(days=1)
    used = DocumentVersion.objects.filter(uploaded_by=person, uploaded_at__gte=since).aggregate(n=Sum("size"))["n"] or 0
    if used + size > settings.UPLOAD_QUOTA_BYTES_PER_DAY:
        raise UploadRefused(
            "You have uploaded as much as you can in one day. Try again tomorrow, or ask the business unit"
        )


def _store(document: Document, person: Any, upload: Any, number: int) -> DocumentVersion:
    data = _read(upload)
    kind = detect(data)
    _check_quota(person, len(data))
    stored_name = f"{timezone.now():%Y/%m}/{uuid4().hex}"
    version = DocumentVersion(
        document=document,
        number=number,
        display_name=safe_display_name(getattr(upload, "name", "") or "document", kind),
        kind=kind.code,
        content_type=kind.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=person,
    )
    version.file.save(stored_name, ContentFile(data), save=False)
    version.save()
    return version


def _document_type(owner: Any, title: str, document_type: str) -> str:
    """The type to store: the one chosen, if this owner offers it; for an owner whose documents have no
    types, "other"; for a caller that did not say, what the title names (if the owner offers it)."""
    offered = permissions.types_for(owner)
    if not offered:
        return DocumentType.OTHER
    if document_type:
        if document_type not in offered:
            raise UploadRefused("Select a type of document from the list")
        return document_type
    guessed = type_from_title(title)
    return guessed if guessed in offered else DocumentType.OTHER


@transaction.atomic
def add_document(
    person: Any, owner: Any, *, title: str, classification: str, upload: Any, document_type: str = ""
) -> DocumentVersion:
    if not permissions.can_add(person, owner):
        raise PermissionDenied
    if classification not in Classification.values:
        raise UploadRefused("Select a classification from the list")
    chosen_type = _document_type(owner, title, document_type)
    document = Document.objects.create(
        owner_type=ContentType.objects.get_for_model(owner),
        owner_id=owner.pk,
        title=title,
        classification=classification,
        document_type=chosen_type,
        created_by=person,
    )
    version = _store(document, person, upload, 1)
    record(
        Action.CREATE,
        person=person,
        obj=document,
        detail=f"{chosen_type}; version 1, {version.kind}, {version.size} bytes",
    )
    return version


@transaction.atomic
def add_version(person: Any, document: Document, *, upload: Any) -> DocumentVersion:
    if document.owner is None or not permissions.can_add(person, document.owner):
        raise PermissionDenied
    locked = Document.objects.select_for_update().get(pk=document.pk)
    number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = _store(locked, person, upload, number)
    record(Action.UPDATE, person=person, obj=locked, detail=f"version {number}, {version.kind}, {version.size} bytes")
    return version
