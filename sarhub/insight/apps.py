from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "sarhub.insight"
    label = "insight"
    verbose_name = "Insight"

    def ready(self) -> None:
        from sarhub.core.registry import Area, DailyJob, register_area, register_daily_job
        from sarhub.insight import corpus, permissions, snapshots

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
        register_daily_job(DailyJob("insight figures", snapshots.daily, order=80))
