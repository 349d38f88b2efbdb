from django.urls import path

from sarhub.core import views

app_name = "core"

urlpatterns = [
    path("", views.public_home, name="public-home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthz", views.healthz, name="healthz"),
]
