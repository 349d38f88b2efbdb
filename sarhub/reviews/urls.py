from django.urls import path

from sarhub.reviews import request_views, views

app_name = "reviews"

urlpatterns = [
    path("reviews/", views.review_list, name="list"),
    path("referrals/<int:referral_id>/review/new/", views.review_new, name="new"),
    path("reviews/<int:review_id>/", views.review_detail, name="detail"),
    path("reviews/<int:review_id>/agencies/", views.review_agencies, name="agencies"),
    path("reviews/<int:review_id>/findings/", views.review_findings, name="findings"),
    path("reviews/<int:review_id>/quality/", views.review_quality, name="quality"),
    path("reviews/<int:review_id>/family/", views.review_family, name="family"),
    path("reviews/<int:review_id>/documents/", views.review_documents, name="documents"),
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
    path("reviews/<int:review_id>/advance/ask/", views.ask_to_move_on, name="advance-ask"),
    path("reviews/<int:review_id>/plan/", views.replan, name="replan"),
    path("reviews/<int:review_id>/sign-off/", views.sign_off, name="sign-off"),
    path("reviews/<int:review_id>/parallel-processes/new/", views.process_new, name="process-new"),
    path(
        "reviews/<int:review_id>/parallel-processes/<int:process_id>/concluded/",
        views.process_conclude,
        name="process-conclude",
    ),
    path("reviews/<int:review_id>/involvement/new/", views.involvement_new, name="involvement-new"),
]

urlpatterns += [
    path("reviews/<int:review_id>/people/", views.review_people, name="people"),
    path(
        "reviews/<int:review_id>/people/around/new/",
        views.person_new,
        {"group": "around"},
        name="person-around-new",
    ),
    path(
        "reviews/<int:review_id>/people/practitioners/new/",
        views.person_new,
        {"group": "practitioner"},
        name="practitioner-new",
    ),
    path("reviews/<int:review_id>/people/<int:person_id>/", views.person_edit, name="person-edit"),
    path("reviews/<int:review_id>/people/<int:person_id>/exclude/", views.person_exclude, name="person-exclude"),
    path("reviews/<int:review_id>/people/<int:person_id>/include/", views.person_include, name="person-include"),
    path(
        "review-requests/<int:request_id>/practitioners/new/",
        request_views.practitioner_new,
        name="request-practitioner-new",
    ),
    path(
        "review-requests/<int:request_id>/practitioners/<int:person_id>/remove/",
        request_views.practitioner_remove,
        name="request-practitioner-remove",
    ),
]

urlpatterns += [
    path("reviews/<int:review_id>/requests/new/", request_views.information_new, name="request-new"),
    path("reviews/<int:review_id>/factual-accuracy/new/", request_views.accuracy_new, name="accuracy-new"),
    path("review-requests/", request_views.request_list, name="requests"),
    path("review-requests/<int:request_id>/", request_views.request_detail, name="request"),
    path("review-requests/<int:request_id>/send/", request_views.request_submit, name="request-submit"),
    path("review-requests/<int:request_id>/withdraw/", request_views.request_withdraw, name="request-withdraw"),
    path("review-requests/<int:request_id>/check/", request_views.request_check, name="request-check"),
    path("review-requests/<int:request_id>/draft/", request_views.request_draft, name="request-draft"),
    path("review-requests/<int:request_id>/comments/new/", request_views.comment_new, name="comment-new"),
    path(
        "review-requests/<int:request_id>/comments/<int:comment_id>/remove/",
        request_views.comment_remove,
        name="comment-remove",
    ),
    path(
        "review-requests/<int:request_id>/comments/<int:comment_id>/response/",
        request_views.comment_response,
        name="comment-response",
    ),
    path(
        "review-requests/<int:request_id>/comments/<int:comment_id>/dispute/",
        request_views.comment_dispute,
        name="comment-dispute",
    ),
    path("review-summaries/", request_views.summary_list, name="summaries"),
    path("review-summaries/<int:review_id>/", request_views.summary, name="summary"),
]
