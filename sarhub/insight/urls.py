from django.urls import path

from sarhub.insight import suggest_views, views

app_name = "insight"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("suggestions/reviews/<int:review_id>/", suggest_views.suggest, name="suggest"),
]
