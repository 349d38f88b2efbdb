from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The top floor: the staff home page, the navigation, "Your tasks" and the daily jobs, which compose
    every app below. Nothing below imports this app."""

    name = "sarhub.workspace"
    label = "workspace"
    verbose_name = "Workspace"
