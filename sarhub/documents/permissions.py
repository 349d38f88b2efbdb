"""Who may see and add a document: whoever the owning record's access rule admits.

Each app registers, for its model, a function (user, owner) -> bool for reading and one for adding.
A document whose owner has no registered rule is visible to nobody.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

from sarhub.documents.models import Document, DocumentVersion


@dataclass(frozen=True)
class OwnerRules:
    can_read: Callable[[Any, Any], bool]
    can_add: Callable[[Any, Any], bool]
    detail_url: Callable[[Any], str]
    label: Callable[[Any], str] = str
    # The types of document a person chooses from when adding one to this owner (documents.models
    # DocumentType values), and the one chosen to start with ("" for none). No types: not asked, "other".
    document_types: Callable[[Any], list[str]] | None = None
    default_type: Callable[[Any], str] = lambda owner: ""


def types_for(owner: Any) -> list[str]:
    """The document types offered for this owner ([] when the type is not asked)."""
    rules = rules_for(owner)
    return list(rules.document_types(owner)) if rules and rules.document_types else []


_RULES: dict[str, OwnerRules] = {}


def register_owner(model: type[models.Model], rules: OwnerRules) -> None:
    _RULES[model._meta.label_lower] = rules


def rules_for(owner: Any) -> OwnerRules | None:
    return _RULES.get(owner._meta.label_lower)


def can_read(user: Any, owner: Any) -> bool:
    rules = rules_for(owner)
    return bool(rules and getattr(user, "is_authenticated", False) and user.is_active and rules.can_read(user, owner))


def can_add(user: Any, owner: Any) -> bool:
    rules = rules_for(owner)
    return bool(rules and getattr(user, "is_authenticated", False) and user.is_active and rules.can_add(user, owner))


def access_version(user: Any, version_id: Any) -> DocumentVersion:
    """A document version its owner's rule lets this person read; 404 for missing and forbidden alike."""
    try:
        version = DocumentVersion.objects.select_related("document__owner_type").get(pk=int(version_id))
    except (DocumentVersion.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    owner = version.document.owner
    if owner is None or not can_read(user, owner):
        raise Http404
    return version


def access_document_for_adding(user: Any, document_id: Any) -> Document:
    try:
        document = Document.objects.select_related("owner_type").get(pk=int(document_id))
    except (Document.DoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if document.owner is None or not can_add(user, document.owner):
        raise Http404
    return document


def owner_from_label(user: Any, owner_label: str, owner_id: Any) -> Any:
    """The record a document would be added to, if this person may add to it; 404 otherwise."""
    if owner_label not in _RULES:
        raise Http404
    app_label, _, model_name = owner_label.partition(".")
    try:
        model = ContentType.objects.get_by_natural_key(app_label, model_name).model_class()
        owner = model._default_manager.get(pk=int(owner_id)) if model else None
    except (ContentType.DoesNotExist, ObjectDoesNotExist, TypeError, ValueError):
        raise Http404 from None
    if owner is None or not can_add(user, owner):
        raise Http404
    return owner
