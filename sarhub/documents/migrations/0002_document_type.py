"""Documents get a type (draft report, final report, executive summary, chronology, IMR, terms of
reference, other), chosen when uploading.

Existing documents: those on a review or on a review's request to an agency (the records whose
documents have types) are typed from their titles, by the rules of documents.models.type_from_title
(copied here, as a migration must not import the app's code): "Draft report v1" is a draft report, "Trust
chronology" a chronology, and so on; a title naming none of them is "other". A document on a request may
only be a chronology, an IMR or other. Every other document (a referral's, a scoping request's, an
action's evidence) is "other".
"""

from __future__ import annotations

import re

from django.db import migrations, models

RULES = [
    (re.compile(r"executive\s+summary", re.IGNORECASE), "executive_summary"),
    (re.compile(r"terms\s+of\s+reference", re.IGNORECASE), "terms_of_reference"),
    (re.compile(r"chronolog", re.IGNORECASE), "chronology"),
    (re.compile(r"\bIMR\b|individual\s+management\s+review", re.IGNORECASE), "imr"),
    (re.compile(r"\bdraft\b", re.IGNORECASE), "draft_report"),
    (re.compile(r"final\s+report", re.IGNORECASE), "final_report"),
]
ON_REQUESTS = {"chronology", "imr", "other"}


def _from_title(title: str) -> str:
    for pattern, document_type in RULES:
        if pattern.search(title or ""):
            return document_type
    return "other"


def type_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    ContentType = apps.get_model("contenttypes", "ContentType")
    Document = apps.get_model("documents", "Document")
    owners = {
        ct.pk: ct.model for ct in ContentType.objects.filter(app_label="reviews", model__in=["review", "agencyrequest"])
    }
    for document in Document.objects.filter(owner_type_id__in=owners).only("pk", "title", "owner_type_id"):
        document_type = _from_title(document.title)
        if owners[document.owner_type_id] == "agencyrequest" and document_type not in ON_REQUESTS:
            document_type = "other"
        if document_type != "other":
            Document.objects.filter(pk=document.pk).update(document_type=document_type)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("documents", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="document",
            name="document_type",
            field=models.CharField(
                choices=[
                    ("draft_report", "Draft report"),
                    ("final_report", "Final report"),
                    ("executive_summary", "Executive summary"),
                    ("chronology", "Chronology"),
                    ("imr", "Individual management review (IMR)"),
                    ("terms_of_reference", "Terms of reference"),
                    ("other", "Other"),
                ],
                default="other",
                max_length=30,
                verbose_name="type of document",
            ),
        ),
        migrations.RunPython(type_existing, migrations.RunPython.noop),
    ]
