from django.urls import path

from sarhub.events import learning_views, views

app_name = "events"

urlpatterns = [
    path("reviews/<int:review_id>/events/", views.review_events, name="for-review"),
    path("reviews/<int:review_id>/events/new/", views.event_new, name="new"),
    path("events/<int:event_id>/", views.event_detail, name="detail"),
    path("events/<int:event_id>/change/", views.event_edit, name="edit"),
    path("events/<int:event_id>/cancel/", views.event_cancel, name="cancel"),
    path("events/<int:event_id>/invite/", views.event_invite, name="invite"),
    path("events/<int:event_id>/register/", views.register, name="register"),
    path("events/<int:event_id>/sign-in-sheet/", views.sign_in_sheet, name="sign-in-sheet"),
    path("rsvp/<str:token>/", views.reply, name="reply"),
    path("events/<int:event_id>/reply/", views.reply_here, name="reply-here"),
]

urlpatterns += [
    path("events/<int:event_id>/reflection/", learning_views.reflect, name="reflect"),
    path("events/<int:event_id>/reflection/withdraw/", learning_views.withdraw_reflection, name="reflection-withdraw"),
    path("events/<int:event_id>/reflections/", learning_views.reflections, name="reflections"),
    path("events/<int:event_id>/collation/", learning_views.collation, name="collation"),
    path("events/<int:event_id>/collation/close/", learning_views.collation_close, name="collation-close"),
    path("events/<int:event_id>/themes/new/", learning_views.theme_edit, name="theme-new"),
    path("events/<int:event_id>/themes/<int:theme_id>/", learning_views.theme_edit, name="theme-edit"),
    path("events/<int:event_id>/proposals/new/", learning_views.proposal_new, name="proposal-new"),
    path(
        "events/<int:event_id>/proposals/<int:proposal_id>/to-review/",
        learning_views.proposal_land,
        name="proposal-land",
    ),
    path("events/<int:event_id>/report.pdf", learning_views.report_pdf, name="report-pdf"),
    path("events/<int:event_id>/report.docx", learning_views.report_docx, name="report-docx"),
    path("events/<int:event_id>/evaluation/", learning_views.evaluate, name="evaluate"),
]
