from typing import Any

from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "sarhub.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from sarhub.core.registry import Area, DailyJob, register_area, register_daily_job
        from sarhub.insight import corpus, permissions, snapshots

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
        register_daily_job(DailyJob("insight figures", snapshots.daily, order=80))

        # Similar findings and repeated learning: offered on the review's pages (reviews never imports
        # insight), checked after each finding is saved and every day.
        from sarhub.core.registry import ReviewLink, ReviewNotes, register_review_link, register_review_notes
        from sarhub.insight import hooks

        hooks.connect()
        register_review_link(
            ReviewLink("Similar findings", "insight:similar-finding", permissions.can_find_similar, True)
        )
        register_review_link(
            ReviewLink("Similar findings in other reviews", "insight:similar-review", permissions.can_find_similar)
        )
        register_review_notes(ReviewNotes("repeated learning", hooks.review_notes))
        register_daily_job(DailyJob("repeated learning", hooks.daily, order=81))
        register_area(
            Area(
                "Search findings",
                "insight:search",
                "insight:search",
                "Search the findings of every review of the Board for words or a phrase.",
                permissions.can_search_findings,
                order=96,
                in_navigation=False,
            )
        )
        register_area(
            Area(
                "Repeated learning",
                "insight:repeats",
                "insight:repeat",
                "New findings that resemble earlier learning whose actions were assured complete, with the "
                "earlier actions and their evidence, and the Board's view of each.",
                permissions.can_read_repeats,
                order=97,
                in_navigation=False,
            )
        )
        register_area(
            Area(
                "Good practice",
                "insight:good-practice",
                "insight:good-practice",
                "Positive practice found across the Board's reviews and learning events, by agency, theme and "
                'year, to share and to draw on for a briefing\'s "What went well".',
                permissions.can_see_good_practice,
                order=98,
                in_navigation=False,
            )
        )


def _suggest(text: str, exclude: frozenset[str]) -> Any:
    # scikit-learn takes seconds to import: only a process that suggests pays for it.
    from sarhub.insight import suggestions

    return suggestions.for_form(text, exclude)


def _record(*args: Any, **kwargs: Any) -> Any:
    from sarhub.insight import choices

    return choices.record_choices(*args, **kwargs)


def _register_suggester() -> None:
    """Theme suggestions on the finding form (sarhub/reviews/suggesting.py offers the hook)."""
    from django.urls import reverse

    from sarhub.reviews import suggesting

    suggesting.register(
        suggesting.Suggester(
            suggest=_suggest,
            record=_record,
            endpoint=lambda review: reverse("insight:suggest", args=[review.pk]),
        )
    )
