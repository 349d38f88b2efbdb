from django.urls import path

from sarhub.publication import views

app_name = "publication"

urlpatterns = [
    path("reviews/<int:review_id>/publication/", views.for_review, name="for-review"),
    path("reviews/<int:review_id>/publication/propose/", views.propose, name="propose"),
    path("reviews/<int:review_id>/publication/dissemination-done/", views.plan_done, name="plan-done"),
    path("publication/<int:proposal_id>/clear/", views.clear, name="clear"),
    path("publication/<int:proposal_id>/decision/", views.decide, name="decide"),
    path("publication/<int:proposal_id>/unpublish/", views.unpublish, name="unpublish"),
    # The public library's pages are in this namespace too, from sarhub/library/urls.py (config/urls.py).
]
