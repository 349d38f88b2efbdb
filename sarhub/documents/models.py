"""Documents attached to records (a referral now; requests, reviews and reports later), with versions.

Files live in private storage outside the web root, under names the server makes up; they are served
only by the download view, after the owner's access rule allows it.
"""

from __future__ import annotations

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


class Document(models.Model):
    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    owner_id = models.PositiveBigIntegerField()
    owner = GenericForeignKey("owner_type", "owner_id")
    title = models.CharField(max_length=200)
    classification = models.CharField(
        max_length=20, choices=Classification.choices, default=Classification.CONFIDENTIAL
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner_type", "owner_id"], name="document_owner_idx")]

    def __str__(self) -> str:
        return self.title


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
