from django.urls import path

from sarhub.insight import good_practice_views, views

app_name = "insight"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("good-practice/", good_practice_views.good_practice_list, name="good-practice"),
]
