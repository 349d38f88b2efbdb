"""A file over the size limit, through the real upload pages: the GOV.UK error, and nothing stored."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from sarhub.documents.models import Document, DocumentVersion
from sarhub.documents.services import add_document
from tests.factories import SAMPLE_PDF, make_sample_referral
from tests.pages import Upload, browse_as, error_summary, field_error, press

# The views refuse a request more than 1 MB over the limit before reading it; 2 MB over is past that.
TOO_BIG = SAMPLE_PDF + b"%" * (3 * 1024 * 1024)
MESSAGE = "The selected file must be smaller than 1 MB"


@pytest.mark.django_db
@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_limit_gets_the_govuk_error_when_adding_a_document(personas):
    referral = make_sample_referral()
    page = browse_as(personas["bu_manager"]).get(reverse("documents:add", args=["referrals.referral", referral.pk]))
    response = press(
        page,
        "Upload",
        status=413,
        title="Chronology",
        classification="confidential",
        file=Upload("chronology.pdf", TOO_BIG),
    )
    assert error_summary(response) == [MESSAGE]
    assert field_error(response, "file") == MESSAGE
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0


@pytest.mark.django_db
@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_limit_gets_the_govuk_error_when_adding_a_version(personas):
    referral = make_sample_referral()
    manager = personas["bu_manager"]
    add_document(
        manager, referral, title="Letter", classification="confidential", upload=SimpleUploadedFile("l.pdf", SAMPLE_PDF)
    )
    document = Document.objects.get()
    page = browse_as(manager).get(reverse("documents:add-version", args=[document.pk]))
    response = press(page, "Upload", status=413, file=Upload("letter.pdf", TOO_BIG))
    assert error_summary(response) == [MESSAGE]
    assert field_error(response, "file") == MESSAGE
    assert list(document.versions.values_list("number", flat=True)) == [1]
