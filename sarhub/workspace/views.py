"""The staff home page and "Your tasks"."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_safe

from sarhub.core.access import actor
from sarhub.insight import permissions as insight_permissions
from sarhub.insight import views as insight
from sarhub.workspace.navigation import areas_for
from sarhub.workspace.tasks import task_lists, tasks_for


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    user = actor(request)
    if insight_permissions.can_see_dashboard(user):
        # The business unit's home page is the programme's dashboard.
        return insight.dashboard(request)
    memberships = user.active_memberships
    areas = [a for a in areas_for(user) if a.url_name != "workspace:home"]
    return render(request, "workspace/home.html", {"memberships": memberships, "areas": areas})


@require_GET
def tasks(request: HttpRequest) -> HttpResponse:
    return render(request, "workspace/tasks.html", {"tasks_html": task_lists(tasks_for(actor(request)))})
