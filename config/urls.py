from django.urls import include, path

from sarhub.briefings import urls as briefings
from sarhub.core.admin_site import admin_site
from sarhub.library import urls as library
from sarhub.publication import urls as publication

urlpatterns = [
    path("", include("sarhub.core.urls")),
    path("", include("sarhub.workspace.urls")),
    # The public library early: resolving its busiest addresses should not walk every staff route first.
    # Its pages (sarhub/library) keep the names publication and briefings gave them, in their namespaces.
    # Briefings before publication: /learning/briefings/ is not a review.
    path("", include((library.briefings + briefings.urlpatterns, briefings.app_name))),
    path("", include((library.reviews + publication.urlpatterns, publication.app_name))),
    path("", include("sarhub.accounts.urls")),
    path("", include("sarhub.referrals.urls")),
    path("", include("sarhub.documents.urls")),
    path("", include("sarhub.reviews.urls")),
    path("", include("sarhub.events.urls")),
    path("", include("sarhub.actions.urls")),
    path("", include("sarhub.actions.annual_urls")),
    path("leadership/", include("sarhub.leadership.urls")),
    path("insight/", include("sarhub.insight.urls")),
    path("partnership/", include("sarhub.partnership.urls")),
    path("audit/", include("sarhub.audit.urls")),
    path("api/v1/", include("sarhub.api.api")),
    path("api-tokens/", include("sarhub.api.urls")),
    path("admin/", admin_site.urls),
]

handler400 = "sarhub.core.views.bad_request"
handler403 = "sarhub.core.views.permission_denied"
handler404 = "sarhub.core.views.page_not_found"
handler500 = "sarhub.core.views.server_error"
