from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sarhub.api"
    label = "api"
    verbose_name = "Partner API"
