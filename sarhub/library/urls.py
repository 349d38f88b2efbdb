"""The public learning library's addresses (no sign-in).

They keep the names they had when publication and briefings served them (`publication:library`,
`publication:review`, `briefings:public-page`...), which the pages, the public navigation and the access
matrix use: config/urls.py adds `reviews` to the `publication` namespace and `briefings` to the `briefings`
namespace.
"""

from django.urls import path

from sarhub.library import briefing_views, views

reviews = [
    path("learning/", views.library, name="library"),
    path("learning/feed/", views.feed, name="feed"),
    path("learning/<str:reference>/", views.review_page, name="review"),
    path("learning/<str:reference>/download/", views.review_file, name="review-file"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
]

briefings = [
    path("learning/briefings/", briefing_views.briefing_list, name="public-list"),
    path("learning/briefings/<int:briefing_id>/", briefing_views.briefing_page, name="public-page"),
    path("learning/briefings/<int:briefing_id>/pdf/", briefing_views.briefing_pdf, name="public-pdf"),
    path("learning/briefings/<int:briefing_id>/docx/", briefing_views.briefing_docx, name="public-docx"),
]
