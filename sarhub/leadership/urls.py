from django.urls import path

from sarhub.leadership import views

app_name = "leadership"

urlpatterns = [
    path("", views.log, name="log"),
    path("new/", views.presentation_new, name="new"),
    path("<int:presentation_id>/", views.presentation_detail, name="detail"),
    path("<int:presentation_id>/change/", views.presentation_edit, name="edit"),
    path("<int:presentation_id>/presented/", views.mark_presented, name="presented"),
    path("<int:presentation_id>/pack.pdf", views.pack_pdf, name="pack-pdf"),
    path("<int:presentation_id>/pack.docx", views.pack_docx, name="pack-docx"),
    path("<int:presentation_id>/follow-ups/new/", views.follow_up_new, name="follow-up-new"),
    path("<int:presentation_id>/follow-ups/<int:follow_up_id>/change/", views.follow_up_edit, name="follow-up-edit"),
    path("<int:presentation_id>/follow-ups/<int:follow_up_id>/done/", views.follow_up_done, name="follow-up-done"),
]
