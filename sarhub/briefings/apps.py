from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "sarhub.briefings"
    label = "briefings"
    verbose_name = "7-minute briefings and dissemination"

    def ready(self) -> None:
        from sarhub.briefings.permissions import can_list_briefings
        from sarhub.briefings.services import send_reminders as send_briefing_reminders
        from sarhub.core.registry import Area, DailyJob, register_area, register_daily_job

        register_area(
            Area(
                "Briefings",
                "briefings:list",
                "briefings:",
                "7-minute briefings: write and publish them, send them to agencies and see how far they reached.",
                can_list_briefings,
                order=90,
            )
        )

        def cascade_reminders() -> str:
            count = send_briefing_reminders()
            agencies = "agency" if count == 1 else "agencies"
            return f"Reminders sent to {count} {agencies} yet to record sharing a 7-minute briefing."

        register_daily_job(DailyJob("briefing cascades", cascade_reminders, order=40))
