from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "sarhub.referrals"
    label = "referrals"
    verbose_name = "Referrals"

    def ready(self) -> None:
        from sarhub.core.registry import Area, DailyJob, register_area, register_daily_job
        from sarhub.referrals.permissions import can_answer_scoping, can_make_referral, can_view_referrals
        from sarhub.referrals.services.screening import send_reminders

        register_area(
            Area(
                "Referrals",
                "referrals:list",
                "referrals:",
                "Referrals for a Safeguarding Adult Review: the confidential record, screening and decisions.",
                can_view_referrals,
                order=20,
            )
        )
        register_area(
            Area(
                "Your referrals",
                "referrals:mine",
                "referrals:mine",
                "Refer a case for a Safeguarding Adult Review and follow the referrals you have made.",
                lambda user: can_make_referral(user) and not can_view_referrals(user),
                order=30,
            )
        )
        register_area(
            Area(
                "Requests",
                "referrals:requests",
                "referrals:request",
                "Requests for your agency: scoping summaries the Board has asked for.",
                can_answer_scoping,
                order=50,
            )
        )

        def scoping_reminders() -> str:
            count = send_reminders()
            return f"Reminders sent for {count} overdue scoping request{'s' if count != 1 else ''}."

        register_daily_job(DailyJob("scoping requests", scoping_reminders, order=10))

        from django.urls import reverse

        from sarhub.documents.permissions import OwnerRules, register_owner
        from sarhub.referrals.models import Referral, RequestStatus, ScopingRequest
        from sarhub.referrals.permissions import agency_lead_agencies, can_read_scoping_request, can_view_referrals

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

        def lead_of(user, scoping):  # type: ignore[no-untyped-def]
            return any(a.pk == scoping.agency_id for a in agency_lead_agencies(user))

        # Documents on a scoping request: the agency's answer, for its leads and the case team.
        register_owner(
            ScopingRequest,
            OwnerRules(
                can_read=can_read_scoping_request,
                can_add=lambda user, scoping: (
                    can_view_referrals(user) or (lead_of(user, scoping) and scoping.status == RequestStatus.REQUESTED)
                ),
                detail_url=lambda scoping: reverse("referrals:request", args=[scoping.pk]),
                label=lambda scoping: f"Scoping request for {scoping.referral.reference}",
            ),
        )
