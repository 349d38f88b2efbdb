from django.apps import AppConfig


class BriefingsConfig(AppConfig):
    name = "sarhub.briefings"
    label = "briefings"
    verbose_name = "7-minute briefings and dissemination"
