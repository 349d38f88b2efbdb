from django.apps import AppConfig


class PartnershipConfig(AppConfig):
    name = "sarhub.partnership"
    label = "partnership"
    verbose_name = "Partnership"
