from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "sarhub.referrals"
    label = "referrals"
    verbose_name = "Referrals"
