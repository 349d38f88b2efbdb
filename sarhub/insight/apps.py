from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "sarhub.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from sarhub.core.registry import Area, register_area
        from sarhub.insight import corpus, permissions

        corpus.connect()

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
        register_area(
            Area(
                "Good practice",
                "insight:good-practice",
                "insight:good-practice",
                "Positive practice found across the Board's reviews and learning events, by agency, theme and "
                'year, to share and to draw on for a briefing\'s "What went well".',
                permissions.can_see_good_practice,
                order=96,
            )
        )
