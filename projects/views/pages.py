"""Project pages: the Pages tab, one page in the workspace, and a published page on the showcase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from community.errors import ActionError, http_errors

from .. import permissions, selectors, services
from ._common import workspace_context


@http_errors
def showcase_page(request, pk, page_pk):
    project = permissions.access_project(request.user, pk, need="showcase")
    page = selectors.published_page(project, page_pk)
    if page is None:
        raise Http404
    return render(request, "projects/showcase_page.html", {"project": project, "page": page})


@login_required
@http_errors
def pages(request, pk):
    """The Pages tab: the list in order; teachers add, move, publish and delete pages here, and
    pupils add and delete their own when the project lets them write pages."""
    project = permissions.access_project(request.user, pk, need="enter")
    can_add = permissions.can_edit_project_pages(request.user, project)
    can_manage = permissions.can_manage_project_pages(request.user, project)
    visible = selectors.workspace_pages(project, request.user)
    errors = []
    title = body = ""
    if request.method == "POST":
        action = request.POST.get("action", "create")
        if not (can_add or can_manage):
            raise Http404
        try:
            if action == "create":
                title, body = request.POST.get("title", ""), request.POST.get("body", "")
                page = services.page_create(
                    actor=request.user,
                    project=project,
                    title=title,
                    body=body,
                    images=request.FILES.getlist("images"),
                )
                if page.held:
                    messages.success(request, _("Page added: your teacher will look at it."))
                else:
                    messages.success(request, _("Page added."))
            else:
                raw = request.POST.get("page") or ""
                page = get_object_or_404(visible, pk=raw if raw.isdigit() else 0)
                if action in ("publish", "unpublish"):
                    services.page_set_published(
                        actor=request.user, page=page, published=action == "publish"
                    )
                elif action == "delete":
                    services.page_delete(actor=request.user, page=page)
                    messages.success(request, _("Page deleted."))
                elif action in ("up", "down"):
                    ids = list(project.pages.values_list("pk", flat=True))
                    i = ids.index(page.pk)
                    j = i - 1 if action == "up" else i + 1
                    if 0 <= j < len(ids):
                        ids[i], ids[j] = ids[j], ids[i]
                        services.page_reorder(actor=request.user, project=project, page_ids=ids)
                else:
                    raise ActionError("invalid", _("Choose what to do."))
        except ActionError as error:
            errors.append(error.detail)
        else:
            return redirect("projects:pages", project.pk)
    rows = list(visible)
    for page in rows:
        page.pupil = permissions.page_pupil(page)
        page.can_edit = permissions.can_edit_project_page(request.user, page)
    context = workspace_context(request, project, "pages")
    context.update(
        {
            "pages": rows,
            "can_edit_pages": can_add,
            "can_manage_pages": can_manage,
            "errors": errors,
            "title_value": title,
            "body_value": body,
        }
    )
    return render(request, "projects/workspace_pages.html", context, status=400 if errors else 200)


@login_required
@http_errors
def page_edit(request, pk):
    """One page in the workspace: read it, its history, and (who may) edit, approve or delete it."""
    page = permissions.access_project_page(request.user, pk)
    project = page.project
    errors = []
    if request.method == "POST":
        action = request.POST.get("action", "save")
        can_act = permissions.can_edit_project_page(
            request.user, page
        ) or permissions.can_approve_project_page(request.user, page)
        if not can_act:
            raise Http404
        try:
            if action == "approve":
                services.page_approve(actor=request.user, page=page)
                messages.success(request, _("Approved: the project's pupils see the page now."))
            elif action == "delete":
                services.page_delete(actor=request.user, page=page)
                messages.success(request, _("Page deleted."))
                return redirect("projects:pages", project.pk)
            else:
                services.page_edit(
                    actor=request.user,
                    page=page,
                    title=request.POST.get("title", ""),
                    body=request.POST.get("body", ""),
                    images=request.FILES.getlist("images"),
                    remove_image_ids=request.POST.getlist("remove_image"),
                )
                messages.success(request, _("Page saved."))
        except ActionError as error:
            errors.append(error.detail)
            page.refresh_from_db()
        else:
            return redirect("projects:page_edit", page.pk)
    context = workspace_context(request, project, "pages")
    context.update(
        {
            "page": page,
            "page_pupil": permissions.page_pupil(page),
            "revisions": page.revisions.select_related("editor"),
            "can_edit_pages": permissions.can_edit_project_page(request.user, page),
            "can_approve_page": permissions.can_approve_project_page(request.user, page),
            "errors": errors,
        }
    )
    return render(
        request, "projects/workspace_page_edit.html", context, status=400 if errors else 200
    )
