from django.urls import path

from sarhub.referrals import views

app_name = "referrals"

urlpatterns = [
    path("refer/", views.public_referral, name="public-form"),
    path("refer/received/", views.public_received, name="public-received"),
    path("referrals/", views.referral_list, name="list"),
    path("referrals/new/", views.professional_referral, name="new"),
    path("referrals/new/received/", views.received, name="received"),
    path("referrals/mine/", views.mine, name="mine"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="detail"),
    path("referrals/<int:referral_id>/correct/", views.correct, name="correct"),
    path("referrals/<int:referral_id>/judgement/", views.judgement, name="judgement"),
]

urlpatterns += [
    path("referrals/<int:referral_id>/scoping/new/", views.scoping_new, name="scoping-new"),
    path("referrals/<int:referral_id>/move/", views.move, name="move"),
    path("requests/", views.requests, name="requests"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/withdraw/", views.request_withdraw, name="request-withdraw"),
]

urlpatterns += [
    path("referrals/<int:referral_id>/recommendation/", views.recommendation, name="recommendation"),
    path("referrals/<int:referral_id>/decision/", views.decision, name="decision"),
    path("referrals/<int:referral_id>/letter/", views.letter, name="letter"),
    path("referrals/<int:referral_id>/letter/print/", views.letter_print, name="letter-print"),
]
