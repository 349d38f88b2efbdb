from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "sarhub.leadership"
    label = "leadership"
    verbose_name = "Senior leadership"
