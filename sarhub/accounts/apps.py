from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sarhub.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from sarhub.core.registry import Area, anyone, register_area

        register_area(
            Area(
                "Your account",
                "accounts:account",
                "accounts:",
                "Change your password, manage two-factor authentication and see where you are signed in.",
                anyone,
                order=140,
            )
        )

        from sarhub.accounts import signals  # noqa: F401
