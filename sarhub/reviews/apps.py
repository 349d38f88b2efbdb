from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "sarhub.reviews"
    label = "reviews"
    verbose_name = "Reviews"
