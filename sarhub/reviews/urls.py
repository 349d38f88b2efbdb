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
