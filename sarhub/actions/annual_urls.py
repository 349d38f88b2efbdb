from django.urls import path

from sarhub.actions import annual_views

app_name = "annual"

urlpatterns = [
    path("annual-report/", annual_views.report, name="report"),
    path("annual-report/<int:year>/pdf/", annual_views.report_pdf, name="pdf"),
    path("annual-report/<int:year>/docx/", annual_views.report_docx, name="docx"),
]
