from django.urls import path

from sarhub.insight import views

app_name = "insight"

urlpatterns = [
    path("", views.overview, name="overview"),
]
