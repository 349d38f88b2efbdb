from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "sarhub.events"
    label = "events"
    verbose_name = "Learning events"

    def ready(self) -> None:
        from sarhub.events.selectors import no_learning_event_held
        from sarhub.reviews.services.running import add_warning

        add_warning(no_learning_event_held)
