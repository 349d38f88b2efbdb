from django.urls import path

from sarhub.events import views

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
]
