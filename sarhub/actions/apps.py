from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "sarhub.actions"
    label = "actions"
    verbose_name = "Action plans and assurance"

    def ready(self) -> None:
        from sarhub.actions.permissions import can_list_actions
        from sarhub.actions.reminders import describe as describe_action_reminders
        from sarhub.actions.reminders import send_action_reminders
        from sarhub.core.registry import Area, DailyJob, register_area, register_daily_job

        register_area(
            Area(
                "Actions",
                "actions:plan",
                "actions:",
                "The action plan: actions from reviews and learning events, their progress, evidence and assurance.",
                can_list_actions,
                order=80,
            )
        )
        register_daily_job(
            DailyJob("action reminders", lambda: describe_action_reminders(send_action_reminders()), order=50)
        )

        from sarhub.actions import documents  # noqa: F401 (registers evidence documents' access rule)
        from sarhub.actions.permissions import can_manage_actions
        from sarhub.events.permissions import set_action_rule

        set_action_rule(can_manage_actions)  # who may turn a learning event's proposal into an action
