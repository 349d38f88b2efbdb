from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "sarhub.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from django.urls import reverse

        from sarhub.documents.models import DocumentType
        from sarhub.documents.permissions import OwnerRules, register_owner
        from sarhub.reviews.models import AgencyRequest, Review
        from sarhub.reviews.permissions import (
            can_add_request_document,
            can_edit_content,
            can_read_agency_request,
            can_read_review,
        )

        # A review's documents (draft reports, chronologies): its readers see them; its editors add them.
        register_owner(
            Review,
            OwnerRules(
                can_read=can_read_review,
                can_add=can_edit_content,
                detail_url=lambda review: reverse("reviews:documents", args=[review.pk]),
                label=lambda review: f"{review.reference}: {review.pseudonym}",
                document_types=lambda review: list(DocumentType.values),
            ),
        )

        # Documents on a request to an agency: its chronology or IMR, for the review's readers and the
        # agency's leads; the lead adds them while the request is open.
        register_owner(
            AgencyRequest,
            OwnerRules(
                can_read=can_read_agency_request,
                can_add=can_add_request_document,
                detail_url=lambda request: reverse("reviews:request", args=[request.pk]),
                label=lambda request: f"{request.review.reference}: {request.kind_label} from {request.agency.name}",
                document_types=lambda request: (
                    [DocumentType.IMR, DocumentType.CHRONOLOGY, DocumentType.OTHER]
                    if request.kind == "imr"
                    else [DocumentType.CHRONOLOGY, DocumentType.OTHER]
                ),
                default_type=lambda request: DocumentType.IMR if request.kind == "imr" else DocumentType.CHRONOLOGY,
            ),
        )
