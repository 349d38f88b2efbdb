from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "sarhub.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from sarhub.core.registry import Area, DailyJob, register_area, register_daily_job
        from sarhub.reviews.permissions import can_answer_review_requests, can_list_reviews, can_list_summaries
        from sarhub.reviews.services.requests import send_reminders as send_review_reminders

        register_area(
            Area(
                "Reviews",
                "reviews:list",
                "reviews:",
                "Safeguarding Adult Reviews and other learning reviews: set-up, team, terms of reference and timeline.",
                can_list_reviews,
                order=40,
            )
        )
        register_area(
            Area(
                "Review requests",
                "reviews:requests",
                "reviews:request",
                "Chronologies, individual management reviews and comments on draft reports that reviews ask your "
                "agency for.",
                can_answer_review_requests,
                order=60,
            )
        )
        register_area(
            Area(
                "Review summaries",
                "reviews:summaries",
                "reviews:summar",
                "Summaries of the reviews your agency is involved in, or that the Board has signed off.",
                can_list_summaries,
                order=70,
            )
        )

        def request_reminders() -> str:
            count = send_review_reminders()
            return f"Reminders sent for {count} overdue review request{'s' if count != 1 else ''}."

        register_daily_job(DailyJob("review requests", request_reminders, order=20))

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
