from django.urls import path

from sarhub.briefings import views

app_name = "briefings"

urlpatterns = [
    path("briefings/", views.briefing_list, name="list"),
    path("briefings/new/", views.new, name="new"),
    path("briefings/<int:briefing_id>/", views.detail, name="detail"),
    path("briefings/<int:briefing_id>/edit/", views.edit, name="edit"),
    path("briefings/<int:briefing_id>/versions/<int:version_id>/pdf/", views.version_pdf, name="pdf"),
    path("briefings/<int:briefing_id>/versions/<int:version_id>/docx/", views.version_docx, name="docx"),
    path("briefings/<int:briefing_id>/versions/<int:version_id>/propose/", views.propose, name="propose"),
    path("briefings/<int:briefing_id>/versions/<int:version_id>/send/", views.circulate, name="circulate"),
    path("briefings/proposals/<int:proposal_id>/clear/", views.clear, name="clear"),
    path("briefings/proposals/<int:proposal_id>/decision/", views.decide, name="decide"),
    path("briefings/proposals/<int:proposal_id>/unpublish/", views.unpublish, name="unpublish"),
    path("briefings/sent/<int:circulation_id>/", views.circulation, name="circulation"),
    path("briefings/sent/<int:circulation_id>/remind/", views.remind, name="remind"),
    path("briefings/cascade/<int:cascade_id>/", views.cascade, name="cascade"),
    path("briefings/cascade/<int:cascade_id>/teams/<int:record_id>/remove/", views.remove_record, name="remove-record"),
    # The public library's briefing pages are in this namespace too, from sarhub/library/urls.py (config/urls.py).
]
