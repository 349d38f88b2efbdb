from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _ensure_search_index(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Migrations that rebuild the table on SQLite drop the search triggers: put them back."""
    from django.db import connections

    from sarhub.publication.search import ensure_index

    ensure_index(connections[using])


class PublicationConfig(AppConfig):
    name = "sarhub.publication"
    label = "publication"
    verbose_name = "Publication"

    def ready(self) -> None:
        from sarhub.actions.services import plan_written
        from sarhub.publication import caching
        from sarhub.reviews.services.running import process_concluded

        process_concluded.connect(lambda **kwargs: caching.changed(), weak=False, dispatch_uid="publication-process")
        plan_written.connect(caching.plan_changed, weak=False, dispatch_uid="publication-action-plan")
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="publication-search-index")
