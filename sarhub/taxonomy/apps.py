from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "sarhub.taxonomy"
    label = "taxonomy"
    verbose_name = "Taxonomy"
