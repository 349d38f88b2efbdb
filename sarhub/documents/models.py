"""Documents attached to records (a referral now; requests, reviews and reports later), with versions.

Files live in private storage outside the web root, under names the server makes up; they are served
only by the download view, after the owner's access rule allows it.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone


def private_storage() -> FileSystemStorage:
    """Storage outside the web root (settings.PRIVATE_MEDIA_ROOT), with no URL of its own."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


class Classification(models.TextChoices):
    CONFIDENTIAL = "confidential", "Confidential"
    INTERNAL = "internal", "Internal to the partnership"
    FOR_PUBLICATION = "for_publication", "For publication"


class DocumentType(models.TextChoices):
    """What a document is, chosen when it is uploaded. The review's rules read it: "a draft report
    uploaded" means a document of type draft report."""

    DRAFT_REPORT = "draft_report", "Draft report"
    FINAL_REPORT = "final_report", "Final report"
    EXECUTIVE_SUMMARY = "executive_summary", "Executive summary"
    CHRONOLOGY = "chronology", "Chronology"
    IMR = "imr", "Individual management review (IMR)"
    TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"
    OTHER = "other", "Other"


DOCUMENT_TYPE_LABELS: dict[str, str] = {value: str(label) for value, label in DocumentType.choices}

# How a title reads, for a document added without a type (and for the documents that existed before
# types did, migration 0002): the first rule that matches wins.
_TITLE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"executive\s+summary", re.IGNORECASE), DocumentType.EXECUTIVE_SUMMARY),
    (re.compile(r"terms\s+of\s+reference", re.IGNORECASE), DocumentType.TERMS_OF_REFERENCE),
    (re.compile(r"chronolog", re.IGNORECASE), DocumentType.CHRONOLOGY),
    (re.compile(r"\bIMR\b|individual\s+management\s+review", re.IGNORECASE), DocumentType.IMR),
    (re.compile(r"\bdraft\b", re.IGNORECASE), DocumentType.DRAFT_REPORT),
    (re.compile(r"final\s+report", re.IGNORECASE), DocumentType.FINAL_REPORT),
]


def type_from_title(title: str) -> str:
    """The type a title most plausibly names ("Draft report v2" is a draft report); "other" otherwise."""
    for pattern, document_type in _TITLE_RULES:
        if pattern.search(title or ""):
            return str(document_type)
    return str(DocumentType.OTHER)


class Document(models.Model):
    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    title = models.CharField(max_length=200)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.CONFIDENTIAL
    )
    document_type = models.CharField(
        "type of document", max_length=30, choices=DocumentType.choices, default=DocumentType.OTHER
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="document_owner_idx")]

    def __str__(self) -> str:
        return self.title

    @property
    def type_label(self) -> str:
        return DOCUMENT_TYPE_LABELS.get(self.document_type, self.document_type)


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    file = models.FileField(storage=private_storage, max_length=100)
    display_name = models.CharField(max_length=120)
    kind = models.CharField(max_length=10)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="one_version_number_per_document")]
        indexes = [models.Index(fields=["uploaded_by", "uploaded_at"], name="docversion_uploader_idx")]

    def __str__(self) -> str:
        return f"{self.document} (version {self.number})"
