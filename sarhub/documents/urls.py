from django.urls import path

from sarhub.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/add/<str:owner_label>/<int:owner_id>/", views.add_document, name="add"),
    path("documents/<int:document_id>/versions/new/", views.add_version, name="add-version"),
    path("documents/versions/<int:version_id>/download/", views.download, name="download"),
]
