from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "sarhub.partnership"
    label = "partnership"
    verbose_name = "Partnership"

    def ready(self) -> None:
        from sarhub.core.registry import Area, register_area
        from sarhub.partnership.permissions import can_manage_partnership

        register_area(
            Area(
                "Partnership",
                "partnership:overview",
                "partnership:",
                "Manage the Board's details, partner agencies, people, roles and invitations.",
                can_manage_partnership,
                order=120,
            )
        )
