from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "sarhub.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from sarhub.core.registry import Area, register_area
        from sarhub.insight import corpus, permissions

        corpus.connect()
        _register_suggester()

        register_area(
            Area(
                "Insight",
                "insight:overview",
                "insight:",
                "The programme as figures and charts: themes over time beside the national analyses, repeated "
                "learning, similar findings and the quarterly report.",
                permissions.can_see_overview,
                order=95,
            )
        )


def _register_suggester() -> None:
    """Theme suggestions on the finding form (sarhub/reviews/suggesting.py offers the hook)."""
    from django.urls import reverse

    from sarhub.insight import choices, suggestions
    from sarhub.reviews import suggesting

    suggesting.register(
        suggesting.Suggester(
            suggest=suggestions.for_form,
            record=choices.record_choices,
            endpoint=lambda review: reverse("insight:suggest", args=[review.pk]),
        )
    )
