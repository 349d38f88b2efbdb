from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sarhub.core"
    label = "core"
    verbose_name = "Core"
