from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "sarhub.documents"
    label = "documents"
    verbose_name = "Documents"
