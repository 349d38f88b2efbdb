from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sarhub.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from sarhub.accounts import signals  # noqa: F401
