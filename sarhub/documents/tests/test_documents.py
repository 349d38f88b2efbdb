"""Uploading and downloading documents through the real views."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from sarhub.audit.models import Action, AuditEvent
from sarhub.documents.models import Document, DocumentType, DocumentVersion, type_from_title
from sarhub.documents.services import add_document
from sarhub.documents.tests.test_validation import DOCX_BYTES
from tests.builders import review_at
from tests.factories import SAMPLE_PDF, make_sample_referral
from tests.pages import Upload, banner, browse_as, error_summary, field_error, form_with, press


def _add_url(referral) -> str:
    return reverse("documents:add", args=["referrals.referral", referral.pk])


def _upload(browser, referral, **values):
    return press(browser.get(_add_url(referral)), "Upload", **values)


@pytest.mark.django_db
def test_the_case_team_uploads_and_downloads_a_document(personas, client_for):
    manager = browse_as(personas["bu_manager"])
    referral = make_sample_referral()
    page = manager.get(_add_url(referral))
    assert "document_type" not in form_with(page, "Upload").fields  # a referral's documents have no types
    response = press(
        page,
        "Upload",
        title="Letter from the GP",
        classification="confidential",
        file=Upload("../../GP letter.pdf", SAMPLE_PDF, "text/html"),
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    detail = response.follow()
    assert banner(detail) == "Letter from the GP has been added."
    assert "Letter from the GP" in detail.text
    version = DocumentVersion.objects.get()
    assert version.display_name == "GP letter.pdf" and version.document.document_type == DocumentType.OTHER
    assert version.content_type == "application/pdf"  # from the bytes, not from what the browser said
    stored = Path(version.file.path)
    assert stored.is_file()
    assert str(stored).startswith(str(Path(settings.PRIVATE_MEDIA_ROOT)))
    assert not str(stored).startswith(str(Path(settings.STATIC_ROOT or "/nonexistent")))
    assert "GP" not in stored.name and "." not in stored.name  # a made-up name, no extension

    download = client_for(personas["bu_manager"]).get(reverse("documents:download", args=[version.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == SAMPLE_PDF
    assert download["Content-Disposition"] == 'attachment; filename="GP letter.pdf"'
    assert download["Content-Security-Policy"].startswith("default-src 'none'")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert AuditEvent.objects.filter(action=Action.DOWNLOAD, object_id=str(version.document_id)).count() == 1


@pytest.mark.django_db
def test_a_new_version_keeps_the_old_one(personas):
    manager = browse_as(personas["bu_manager"])
    referral = make_sample_referral()
    _upload(manager, referral, title="Chronology", classification="internal", file=Upload("c.pdf", SAMPLE_PDF))
    document = Document.objects.get()
    page = manager.get(reverse("documents:add-version", args=[document.pk]))
    response = press(page, "Upload", file=Upload("c2.docx", DOCX_BYTES))
    assert response.status_code == 302
    assert banner(response.follow()) == "Version 2 of Chronology has been added."
    assert list(document.versions.values_list("number", "kind")) == [(2, "docx"), (1, "pdf")]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["agency_lead", "practitioner", "board_member", "reviewer", "sysadmin"])
def test_people_outside_the_case_team_get_404_for_documents(persona, personas, client_for):
    """Hostile: people the record does not admit ask for its documents, or post a version, by hand."""
    referral = make_sample_referral()
    add_document(
        personas["bu_manager"],
        referral,
        title="Letter",
        classification="confidential",
        upload=SimpleUploadedFile("l.pdf", SAMPLE_PDF),
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
def test_a_refused_file_gets_a_clear_message_and_nothing_is_stored(personas):
    manager = browse_as(personas["bu_manager"])
    referral = make_sample_referral()
    macro = SAMPLE_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(x)>>")
    response = _upload(manager, referral, title="Sneaky", classification="confidential", file=Upload("ok.pdf", macro))
    assert response.status_code == 200
    assert field_error(response, "file").startswith("The selected PDF contains JavaScript, actions or embedded files")
    assert any("JavaScript, actions or embedded files" in line for line in error_summary(response))
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0


@pytest.mark.django_db
def test_unknown_owner_types_and_ids_give_404(personas, client_for):
    manager = client_for(personas["bu_manager"])
    assert manager.get(reverse("documents:add", args=["partnership.person", personas["chair"].pk])).status_code == 404
    assert manager.get(reverse("documents:add", args=["referrals.referral", 999_999])).status_code == 404


@pytest.mark.django_db
@override_settings(UPLOAD_QUOTA_BYTES_PER_DAY=len(SAMPLE_PDF) + 10)
def test_a_daily_upload_quota_per_person(personas):
    manager = browse_as(personas["bu_manager"])
    referral = make_sample_referral()
    first = _upload(manager, referral, title="One", classification="internal", file=Upload("1.pdf", SAMPLE_PDF))
    assert first.status_code == 302
    second = _upload(manager, referral, title="Two", classification="internal", file=Upload("2.pdf", SAMPLE_PDF))
    assert second.status_code == 200
    assert field_error(second, "file").startswith("You have uploaded as much as you can in one day")
    assert DocumentVersion.objects.count() == 1


# --- Document types ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_reviews_documents_are_typed_when_uploaded(personas):
    review = review_at(personas)
    browser = browse_as(personas["bu_manager"])
    url = reverse("documents:add", args=["reviews.review", review.pk])
    page = browser.get(url)
    offered = [value for value, *_ in form_with(page, "Upload")["document_type"].options]
    assert offered == [
        "draft_report",
        "final_report",
        "executive_summary",
        "chronology",
        "imr",
        "terms_of_reference",
        "other",
    ]
    for title, document_type in (("Report for the Board", "final_report"), ("Summary", "executive_summary")):
        press(
            browser.get(url),
            "Upload",
            title=title,
            document_type=document_type,
            classification="confidential",
            file=Upload("r.pdf", SAMPLE_PDF),
        )
    assert dict(Document.objects.values_list("title", "document_type")) == {
        "Report for the Board": "final_report",
        "Summary": "executive_summary",
    }
    listing = browser.get(reverse("reviews:documents", args=[review.pk])).text
    assert "Final report" in listing and "Executive summary" in listing


@pytest.mark.django_db
def test_a_type_the_page_did_not_offer_is_refused(personas, client_for):
    """Hostile: a type posted by hand, on a record whose documents have no types and on one whose do."""
    review = review_at(personas)
    client = client_for(personas["bu_manager"])
    response = client.post(
        reverse("documents:add", args=["reviews.review", review.pk]),
        {
            "title": "X",
            "document_type": "secret",
            "classification": "confidential",
            "file": SimpleUploadedFile("x.pdf", SAMPLE_PDF),
        },
    )
    assert response.status_code == 200 and "Select a type of document from the list" in response.content.decode()
    referral = make_sample_referral()
    client.post(
        _add_url(referral),
        {
            "title": "Draft report",
            "document_type": "draft_report",
            "classification": "confidential",
            "file": SimpleUploadedFile("x.pdf", SAMPLE_PDF),
        },
    )
    assert Document.objects.get().document_type == DocumentType.OTHER  # not asked there, so not taken


@pytest.mark.django_db
def test_a_document_added_without_a_type_is_typed_from_its_title_where_the_record_has_types(personas):
    review = review_at(personas)
    manager = personas["bu_manager"]

    def add(owner, title):
        return add_document(
            manager, owner, title=title, classification="confidential", upload=SimpleUploadedFile("d.pdf", SAMPLE_PDF)
        ).document.document_type

    assert add(review, "Draft report v2") == DocumentType.DRAFT_REPORT
    assert add(review, "Panel notes") == DocumentType.OTHER
    assert add(make_sample_referral(), "Draft report") == DocumentType.OTHER  # a referral's have no types


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Draft report v1", "draft_report"),
        ("DRAFT", "draft_report"),
        ("Overview report (draft 3)", "draft_report"),
        ("Final report", "final_report"),
        ("Draft executive summary", "executive_summary"),
        ("Trust chronology", "chronology"),
        ("Council IMR", "imr"),
        ("Individual management review: GP", "imr"),
        ("Terms of reference", "terms_of_reference"),
        ("Letter from the GP", "other"),
        ("Redrafting notes", "other"),
        ("", "other"),
    ],
)
def test_titles_name_their_types(title, expected):
    assert type_from_title(title) == expected
    # The migration that typed the documents already stored reads titles by the same rules.
    migration = importlib.import_module("sarhub.documents.migrations.0002_document_type")
    assert migration._from_title(title) == expected


@pytest.mark.django_db
def test_the_migration_types_a_reviews_documents_from_their_titles_and_leaves_others_alone(personas):
    from django.apps import apps

    from sarhub.reviews.services.requests import request_information

    review = review_at(personas)
    request = request_information(personas["bu_manager"], review, [personas["agency_lead"].agencies[0]], "imr")[0]
    referral = make_sample_referral()
    owners = {
        "review draft": (review, "Draft report v1"),
        "review summary": (review, "Executive summary"),
        "request": (request, "Trust IMR"),
        "request draft": (request, "Draft IMR notes"),
        "referral": (referral, "Draft letter"),
    }
    for owner, title in owners.values():
        add_document(
            personas["bu_manager"] if owner is not request else personas["agency_lead"],
            owner,
            title=title,
            classification="confidential",
            upload=SimpleUploadedFile("d.pdf", SAMPLE_PDF),
            document_type="other" if owner is not referral else "",
        )
    Document.objects.update(document_type="other")  # as they stood before types existed
    migration = importlib.import_module("sarhub.documents.migrations.0002_document_type")
    migration.type_existing(apps, None)
    assert dict(Document.objects.values_list("title", "document_type")) == {
        "Draft report v1": "draft_report",
        "Executive summary": "executive_summary",
        "Trust IMR": "imr",
        "Draft IMR notes": "imr",  # "IMR" is read before "draft"; a request's may be a chronology, IMR or other
        "Draft letter": "other",  # a referral's documents have no types
    }
