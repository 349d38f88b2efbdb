"""Uploading and downloading documents through the real views."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.documents.models import Document, DocumentVersion
from sarhub.documents.tests.test_validation import DOCX_BYTES
from tests.factories import SAMPLE_PDF, make_sample_referral


def _add_url(referral) -> str:
    return reverse("documents:add", args=["referrals.referral", referral.pk])


@pytest.mark.django_db
def test_the_case_team_uploads_and_downloads_a_document(personas, client_for):
    manager = client_for(personas["bu_manager"])
    referral = make_sample_referral()
    response = manager.post(
        _add_url(referral),
        {
            "title": "Letter from the GP",
            "classification": "confidential",
            "file": SimpleUploadedFile("../../GP letter.pdf", SAMPLE_PDF, content_type="text/html"),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    version = DocumentVersion.objects.get()
    assert version.display_name == "GP letter.pdf"
    assert version.content_type == "application/pdf"  # from the bytes, not from what the browser said
    stored = Path(version.file.path)
    assert stored.is_file()
    assert str(stored).startswith(str(Path(settings.PRIVATE_MEDIA_ROOT)))
    assert not str(stored).startswith(str(Path(settings.STATIC_ROOT or "/nonexistent")))
    assert "GP" not in stored.name and "." not in stored.name  # a made-up name, no extension

    page = manager.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Letter from the GP" in page

    download = manager.get(reverse("documents:download", args=[version.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == SAMPLE_PDF
    assert download["Content-Disposition"] == 'attachment; filename="GP letter.pdf"'
    assert download["Content-Security-Policy"].startswith("default-src 'none'")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, object_id=str(version.document_id)).count() == 1


@pytest.mark.django_db
def test_a_new_version_keeps_the_old_one(personas, client_for):
    manager = client_for(personas["bu_manager"])
    referral = make_sample_referral()
    manager.post(
        _add_url(referral),
        {"title": "Chronology", "classification": "internal", "file": SimpleUploadedFile("c.pdf", SAMPLE_PDF)},
    )
    document = Document.objects.get()
    response = manager.post(
        reverse("documents:add-version", args=[document.pk]), {"file": SimpleUploadedFile("c2.docx", DOCX_BYTES)}
    )
    assert response.status_code == 302
    assert list(document.versions.values_list("number", "kind")) == [(2, "docx"), (1, "pdf")]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["agency_lead", "practitioner", "board_member", "reviewer", "sysadmin"])
def test_people_outside_the_case_team_get_404_for_documents(persona, personas, client_for):
    referral = make_sample_referral()
    client_for(personas["bu_manager"]).post(
        _add_url(referral),
        {"title": "Letter", "classification": "confidential", "file": SimpleUploadedFile("l.pdf", SAMPLE_PDF)},
    )
    version = DocumentVersion.objects.get()
    outsider = client_for(personas[persona])
    assert outsider.get(reverse("documents:download", args=[version.pk])).status_code == 404
    assert outsider.get(reverse("documents:download", args=[version.pk + 999])).status_code == 404
    assert outsider.get(_add_url(referral)).status_code == 404
    response = outsider.post(
        reverse("documents:add-version", args=[version.document_id]), {"file": SimpleUploadedFile("x.pdf", SAMPLE_PDF)}
    )
    assert response.status_code == 404
    assert DocumentVersion.objects.count() == 1


@pytest.mark.django_db
def test_a_refused_file_gets_a_clear_message_and_nothing_is_stored(personas, client_for):
    manager = client_for(personas["bu_manager"])
    referral = make_sample_referral()
    macro = SAMPLE_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(x)>>")
    response = manager.post(
        _add_url(referral),
        {"title": "Sneaky", "classification": "confidential", "file": SimpleUploadedFile("ok.pdf", macro)},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body and "JavaScript, actions or embedded files" in body
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0


@pytest.mark.django_db
def test_unknown_owner_types_and_ids_give_404(personas, client_for):
    manager = client_for(personas["bu_manager"])
    assert manager.get(reverse("documents:add", args=["partnership.person", personas["chair"].pk])).status_code == 404
    assert manager.get(reverse("documents:add", args=["referrals.referral", 999_999])).status_code == 404


@pytest.mark.django_db
@override_settings(UPLOAD_QUOTA_BYTES_PER_DAY=len(SAMPLE_PDF) + 10)
def test_a_daily_upload_quota_per_person(personas, client_for):
    manager = client_for(personas["bu_manager"])
    referral = make_sample_referral()
    first = manager.post(
        _add_url(referral),
        {"title": "One", "classification": "internal", "file": SimpleUploadedFile("1.pdf", SAMPLE_PDF)},
    )
    assert first.status_code == 302
    second = manager.post(
        _add_url(referral),
        {"title": "Two", "classification": "internal", "file": SimpleUploadedFile("2.pdf", SAMPLE_PDF)},
    )
    assert second.status_code == 200
    assert "as much as you can in one day" in second.content.decode()
    assert DocumentVersion.objects.count() == 1
