from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType

from sarhub.documents import permissions
from sarhub.documents.models import Document


def documents_for(person: Any, owner: Any) -> list[Document]:
    """The documents attached to a record, newest first, with their versions (newest first)."""
    if not permissions.can_read(person, owner):
        return []
    return list(
        Document.objects.filter(owner_type=ContentType.objects.get_for_model(owner), owner_id=owner.pk)
        .prefetch_related("versions")
        .order_by("-created_at", "-id")
    )
