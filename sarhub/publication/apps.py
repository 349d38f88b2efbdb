from django.apps import AppConfig


class PublicationConfig(AppConfig):
    name = "sarhub.publication"
    label = "publication"
    verbose_name = "Publication"
