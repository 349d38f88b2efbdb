from django.urls import path

from sarhub.publication import public_views, views

app_name = "publication"

urlpatterns = [
    path("reviews/<int:review_id>/publication/", views.for_review, name="for-review"),
    path("reviews/<int:review_id>/publication/propose/", views.propose, name="propose"),
    path("reviews/<int:review_id>/publication/dissemination-done/", views.plan_done, name="plan-done"),
    path("publication/<int:proposal_id>/clear/", views.clear, name="clear"),
    path("publication/<int:proposal_id>/decision/", views.decide, name="decide"),
    path("publication/<int:proposal_id>/unpublish/", views.unpublish, name="unpublish"),
    # The public learning library (no sign-in)
    path("learning/", public_views.library, name="library"),
    path("learning/feed/", public_views.feed, name="feed"),
    path("learning/<str:reference>/", public_views.review_page, name="review"),
    path("learning/<str:reference>/download/", public_views.review_file, name="review-file"),
    path("sitemap.xml", public_views.sitemap, name="sitemap"),
]
