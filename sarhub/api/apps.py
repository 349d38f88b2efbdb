from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sarhub.api"
    label = "api"
    verbose_name = "Partner API"

    def ready(self) -> None:
        from sarhub.api.permissions import can_list_tokens
        from sarhub.core.registry import Area, register_area

        register_area(
            Area(
                "API tokens",
                "api_tokens:list",
                "api_tokens:",
                "Tokens for partner agencies' own systems to read and update their actions through the partner API.",
                can_list_tokens,
                order=110,
                in_navigation=False,
            )
        )
