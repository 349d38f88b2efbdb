from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "sarhub.events"
    label = "events"
    verbose_name = "Learning events"
