from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    name = "sarhub.leadership"
    label = "leadership"
    verbose_name = "Senior leadership"

    def ready(self) -> None:
        from sarhub.core.registry import Area, register_area
        from sarhub.leadership.permissions import can_read_log

        register_area(
            Area(
                "Senior leadership",
                "leadership:log",
                "leadership:",
                "Thematic findings presented to the Board and partnership meetings: the packs and the follow-ups "
                "agreed.",
                can_read_log,
                order=100,
            )
        )
