from django.urls import path

from sarhub.workspace import views

app_name = "workspace"

urlpatterns = [
    path("home/", views.home, name="home"),
    path("tasks/", views.tasks, name="tasks"),
]
