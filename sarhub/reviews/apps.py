from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "sarhub.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        from django.urls import reverse

        from sarhub.documents.permissions import OwnerRules, register_owner
        from sarhub.reviews.models import Review
        from sarhub.reviews.permissions import can_edit_content, can_read_review

        # A review's documents (draft reports, chronologies): its readers see them; its editors add them.
        register_owner(
            Review,
            OwnerRules(
                can_read=can_read_review,
                can_add=can_edit_content,
                detail_url=lambda review: reverse("reviews:detail", args=[review.pk]) + "#documents",
                label=lambda review: f"{review.reference}: {review.pseudonym}",
            ),
        )
