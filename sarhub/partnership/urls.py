from django.urls import path

from sarhub.partnership import views

app_name = "partnership"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("board/", views.board_edit, name="board-edit"),
    path("agencies/", views.agency_list, name="agency-list"),
    path("agencies/new/", views.agency_create, name="agency-create"),
    path("agencies/<int:agency_id>/", views.agency_detail, name="agency-detail"),
    path("agencies/<int:agency_id>/edit/", views.agency_edit, name="agency-edit"),
    path("people/", views.person_list, name="person-list"),
    path("people/<int:person_id>/", views.person_detail, name="person-detail"),
    path("people/<int:person_id>/edit/", views.person_edit, name="person-edit"),
    path("people/<int:person_id>/roles/new/", views.role_add, name="role-add"),
    path(
        "people/<int:person_id>/proposed-roles/<int:grant_id>/confirm/",
        views.role_grant_confirm,
        name="role-grant-confirm",
    ),
    path(
        "people/<int:person_id>/proposed-roles/<int:grant_id>/decline/",
        views.role_grant_decline,
        name="role-grant-decline",
    ),
    path("people/<int:person_id>/roles/<int:membership_id>/remove/", views.role_end, name="role-end"),
    path("people/<int:person_id>/deactivate/", views.person_deactivate, name="person-deactivate"),
    path("people/<int:person_id>/reactivate/", views.person_reactivate, name="person-reactivate"),
    path("invitations/", views.invitation_list, name="invitation-list"),
    path("invitations/new/", views.invitation_create, name="invitation-create"),
    path("invitations/<int:invitation_id>/send-again/", views.invitation_resend, name="invitation-resend"),
    path("invitations/<int:invitation_id>/withdraw/", views.invitation_withdraw, name="invitation-withdraw"),
]
