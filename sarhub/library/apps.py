from django.apps import AppConfig


class LibraryConfig(AppConfig):
    name = "sarhub.library"
    label = "library"
    verbose_name = "The public learning library"

    def ready(self) -> None:
        from sarhub.library.selectors import sent_briefings_part
        from sarhub.publication.views import add_page_part

        add_page_part(sent_briefings_part)
