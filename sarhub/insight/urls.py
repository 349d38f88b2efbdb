from django.urls import path

from sarhub.insight import views

app_name = "insight"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("refresh/", views.refresh, name="refresh"),
    path("themes/", views.themes_over_time, name="themes"),
    path("quarterly/", views.quarterly_report, name="quarterly"),
    path("quarterly/<slug:quarter>.<str:kind>", views.quarterly_file, name="quarterly-file"),
    path("figures/<slug:key>.csv", views.figure_csv, name="figure-csv"),
]
