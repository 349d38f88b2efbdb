from django.apps import AppConfig


class ActionsConfig(AppConfig):
    name = "sarhub.actions"
    label = "actions"
    verbose_name = "Action plans and assurance"

    def ready(self) -> None:
        from sarhub.actions import documents  # noqa: F401 (registers evidence documents' access rule)
        from sarhub.actions.permissions import can_manage_actions
        from sarhub.events.permissions import set_action_rule

        set_action_rule(can_manage_actions)  # who may turn a learning event's proposal into an action
