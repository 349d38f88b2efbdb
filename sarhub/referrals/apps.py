from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "sarhub.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from django.urls import reverse

        from sarhub.documents.permissions import OwnerRules, register_owner
        from sarhub.referrals.models import Referral
        from sarhub.referrals.permissions import can_view_referrals

        # Documents attached to a referral are part of its confidential record.
        register_owner(
            Referral,
            OwnerRules(
                can_read=lambda user, referral: can_view_referrals(user),
                can_add=lambda user, referral: can_view_referrals(user),
                detail_url=lambda referral: reverse("referrals:detail", args=[referral.pk]),
                label=lambda referral: f"Referral {referral.reference}",
            ),
        )
