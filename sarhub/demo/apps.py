from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Fictional demo and volume data (`seed_demo`, `seed_volume`) and their generators. Installed only when
    DEBUG is on (and in the test suite): a production deployment has neither the commands nor the code."""

    name = "sarhub.demo"
    label = "demo"
    verbose_name = "Demo data"
