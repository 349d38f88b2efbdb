from django.urls import path

from sarhub.insight import good_practice_views, repeat_views, similar_views, suggest_views, views

app_name = "insight"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("refresh/", views.refresh, name="refresh"),
    path("themes/", views.themes_over_time, name="themes"),
    path("quarterly/", views.quarterly_report, name="quarterly"),
    path("quarterly/<slug:quarter>.<str:kind>", views.quarterly_file, name="quarterly-file"),
    path("figures/<slug:key>.csv", views.figure_csv, name="figure-csv"),
]

# Similar findings and the search of the Board's findings (sarhub/insight/similar_views.py).
urlpatterns += [
    path("similar/findings/<int:finding_id>/", similar_views.similar_finding, name="similar-finding"),
    path("similar/reviews/<int:review_id>/", similar_views.similar_review, name="similar-review"),
    path("findings/search/", similar_views.search, name="search"),
]

# Did the learning stick? Repeated learning (sarhub/insight/repeat_views.py).
urlpatterns += [
    path("repeated-learning/", repeat_views.repeat_list, name="repeats"),
    path("repeated-learning/<int:flag_id>/", repeat_views.repeat_detail, name="repeat"),
    path("repeated-learning/<int:flag_id>/view/", repeat_views.repeat_view, name="repeat-view"),
    path("good-practice/", good_practice_views.good_practice_list, name="good-practice"),
    path("suggestions/reviews/<int:review_id>/", suggest_views.suggest, name="suggest"),
]
