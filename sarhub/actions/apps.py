from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "sarhub.actions"
    label = "actions"
    verbose_name = "Action plans and assurance"

    def ready(self) -> None:
        from sarhub.actions import documents  # noqa: F401 (registers evidence documents' access rule)
