from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The top floor: the staff home page, the navigation, "Your tasks" and the daily jobs, which compose
    every app below. Nothing below imports this app."""

    name = "sarhub.workspace"
    label = "workspace"
    verbose_name = "Workspace"

    def ready(self) -> None:
        from sarhub.core.registry import Area, anyone, register_area

        register_area(
            Area("Home", "workspace:home", "workspace:home", "Your roles and what you can reach.", anyone, order=0)
        )
        register_area(
            Area(
                "Your tasks",
                "workspace:tasks",
                "workspace:tasks",
                "What is waiting for you: requests, decisions, letters and late reviews.",
                anyone,
                order=10,
            )
        )
