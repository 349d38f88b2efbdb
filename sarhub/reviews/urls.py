from django.urls import path

from sarhub.reviews import views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("referrals/<int:referral_id>/review/new/", views.review_new, name="new"),
    path("reviews/<int:review_id>/", views.review_detail, name="detail"),
    path("reviews/<int:review_id>/terms/", views.review_terms, name="terms"),
    path("reviews/<int:review_id>/team/new/", views.appoint, name="appoint"),
    path("reviews/<int:review_id>/team/<int:membership_id>/end/", views.end_appointment, name="end-appointment"),
    path("reviews/<int:review_id>/convert/", views.convert, name="convert"),
]

urlpatterns += [
    path("reviews/<int:review_id>/findings/new/", views.finding_edit, name="finding-new"),
    path("reviews/<int:review_id>/findings/<int:finding_id>/", views.finding_edit, name="finding-edit"),
    path("reviews/<int:review_id>/recommendations/new/", views.recommendation_edit, name="recommendation-new"),
    path(
        "reviews/<int:review_id>/recommendations/<int:recommendation_id>/",
        views.recommendation_edit,
        name="recommendation-edit",
    ),
    path(
        "reviews/<int:review_id>/recommendations/<int:recommendation_id>/response/",
        views.recommendation_response,
        name="recommendation-response",
    ),
    path("reviews/<int:review_id>/quality-markers/", views.quality_markers, name="quality-markers"),
]

urlpatterns += [
    path("reviews/<int:review_id>/advance/", views.advance, name="advance"),
    path("reviews/<int:review_id>/sign-off/", views.sign_off, name="sign-off"),
    path("reviews/<int:review_id>/parallel-processes/new/", views.process_new, name="process-new"),
    path(
        "reviews/<int:review_id>/parallel-processes/<int:process_id>/concluded/",
        views.process_conclude,
        name="process-conclude",
    ),
    path("reviews/<int:review_id>/involvement/new/", views.involvement_new, name="involvement-new"),
]
