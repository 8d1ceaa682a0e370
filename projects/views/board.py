"""The board of ideas, the partner search, the user's own projects and the showcase."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from community.errors import http_errors

from .. import permissions, selectors
from ..forms import ProjectFilterForm, ShowcaseFilterForm, TeacherFilterForm
from ..models import Partnership
from ._common import paginate, query_without_page


def board(request):
    form = ProjectFilterForm(request.GET or None)
    rows = selectors.project_board(form.filters() if request.GET else {})
    return render(
        request,
        "projects/board.html",
        {"form": form, "page": paginate(request, rows), "query": query_without_page(request)},
    )


@login_required
def teacher_search(request):
    form = TeacherFilterForm(request.GET or None)
    rows = selectors.teacher_search(form.filters() if request.GET else {})
    return render(
        request,
        "projects/teachers.html",
        {
            "form": form,
            "page": paginate(request, rows.order_by("display_name", "pk")),
            "query": query_without_page(request),
            "invitable": selectors.invitable_projects(request.user),
        },
    )


@login_required
def my_projects(request):
    rows = list(selectors.projects_of(request.user))
    return render(
        request,
        "projects/mine.html",
        {
            "taking_part": [r for r in rows if r.status == Partnership.Status.ACCEPTED],
            "invitations": [r for r in rows if r.status == Partnership.Status.INVITED],
            "requests": [r for r in rows if r.status == Partnership.Status.REQUESTED],
            "can_create": permissions.can_create_project(request.user),
            "label_queue": selectors.label_queue(request.user)
            if request.user.is_authenticated
            else [],
        },
    )


# --- showcase ------------------------------------------------------------------------------------


def showcase(request):
    form = ShowcaseFilterForm(request.GET or None)
    rows = selectors.showcase(form.filters() if request.GET else {})
    return render(
        request,
        "projects/showcase.html",
        {"form": form, "page": paginate(request, rows), "query": query_without_page(request)},
    )


@http_errors
def showcase_detail(request, pk):
    project = permissions.access_project(request.user, pk, need="showcase")
    context = {
        "project": project,
        "pages": selectors.published_pages(project),
        **selectors.showcase_detail(project),
    }
    return render(request, "projects/showcase_detail.html", context)
