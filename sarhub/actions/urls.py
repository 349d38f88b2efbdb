from django.urls import path

from sarhub.actions import views

app_name = "actions"

urlpatterns = [
    path("actions/", views.plan, name="plan"),
    path("actions/mine/", views.mine, name="mine"),
    path("actions/export.csv", views.export_csv, name="export-csv"),
    path("actions/export.xlsx", views.export_xlsx, name="export-xlsx"),
    path("actions/agency/<int:agency_id>/", views.agency, name="agency"),
    path("actions/<int:action_id>/", views.detail, name="detail"),
    path("actions/<int:action_id>/edit/", views.edit, name="edit"),
    path("actions/<int:action_id>/progress/", views.progress, name="progress"),
    path("actions/<int:action_id>/assure/", views.assure, name="assure"),
    path("actions/<int:action_id>/impact/", views.impact, name="impact"),
    path("actions/<int:action_id>/not-implemented/", views.close, name="close"),
    path("reviews/<int:review_id>/actions/", views.for_review, name="for-review"),
    path("reviews/<int:review_id>/actions/new/", views.new, name="new"),
    path("reviews/<int:review_id>/not-implemented/new/", views.not_implemented, name="not-implemented"),
]
