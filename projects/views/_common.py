"""What the project views share: paging, POST actions, the workspace tabs' context."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from community.errors import ActionError

from .. import permissions

PAGE_SIZE = 20


def paginate(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _refused(request, error):
    messages.error(request, error.detail)


def action(view):
    """POST actions: a project (or row) the user may not know of answers 404, as in
    community.errors.http_errors; any other refused call becomes a message, then back to where
    the user was."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ActionError as error:
            if error.code == "not_found":
                raise Http404(error.detail) from error
            _refused(request, error)
            return redirect(safe_next(request, reverse("projects:mine")))

    return login_required(require_POST(wrapper))


def safe_next(request, default):
    target = request.POST.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else default


def workspace_context(request, project, tab):
    return {
        "project": project,
        "tab": tab,
        "can_work": permissions.can_work_in_project(request.user, project),
        "can_manage": permissions.can_manage_project(request.user, project),
        "can_invite": permissions.can_invite(request.user, project),
        "is_pupil": permissions.is_pupil(request.user),
        "can_manage_pupils": permissions.can_manage_pupils(request.user, project),
    }
