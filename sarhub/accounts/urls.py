from django.urls import path

from sarhub.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.login_view, name="login"),
    path("sign-out/", views.logout_view, name="logout"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("sign-in/security-code/", views.two_factor_verify, name="two-factor-verify"),
    path("account/two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("account/two-factor/backup-codes/", views.backup_codes, name="backup-codes"),
    path("account/two-factor/backup-codes/new/", views.regenerate_backup_codes, name="backup-codes-new"),
    path("account/two-factor/", views.two_factor, name="two-factor"),
    path("account/confirm-it-is-you/", views.step_up, name="step-up"),
    path("account/", views.account, name="account"),
    path("account/password/", views.password_change, name="password-change"),
    path("account/sessions/", views.sessions, name="sessions"),
    path("account/sessions/end-others/", views.sessions_end_others, name="sessions-end-others"),
    path("invitation/accept/", views.invitation_accept, name="invitation-accept"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("password-reset/", views.password_reset, name="password-reset"),
    path("password-reset/sent/", views.password_reset_done, name="password-reset-done"),
    path("account/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("password-reset/complete/", views.password_reset_complete, name="password-reset-complete"),
]
