from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "sarhub.events"
    label = "events"
    verbose_name = "Learning events"

    def ready(self) -> None:
        from sarhub.core.registry import DailyJob, register_daily_job
        from sarhub.events.services import send_reminders as send_event_reminders

        def reply_reminders() -> str:
            count = send_event_reminders()
            who = "person" if count == 1 else "people"
            return f"Reminders sent to {count} {who} yet to reply to a learning event."

        register_daily_job(DailyJob("learning event replies", reply_reminders, order=30))

        from sarhub.events.selectors import no_learning_event_held
        from sarhub.reviews.services.running import add_warning

        add_warning(no_learning_event_held)
