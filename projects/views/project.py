"""One project's idea page: create, edit, its lifecycle steps and its cover."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from community.errors import ActionError, http_errors
from community.files import serve_image

from .. import permissions, selectors, services
from ..forms import FinalReportForm, JoinRequestForm, ProjectForm, PublishForm
from ..models import LabelApplication, Project
from ._common import action


@login_required
def project_create(request):
    if not permissions.can_create_project(request.user):
        raise PermissionDenied
    form = ProjectForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_create(
                founder=request.user,
                title=data["title"],
                summary=data["summary"],
                description=data["description"],
                curriculum_topics=data["curriculum_topics"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                age_min=data["age_min"],
                age_max=data["age_max"],
                subjects=data["subjects"],
                languages=data["languages"],
                cover=data.get("cover"),
                seeking_partners=data["seeking_partners"],
            )
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("Your project is created. Now find partners for it."))
            return redirect("projects:detail", project.pk)
    return render(request, "projects/project_form.html", {"form": form})


@login_required
@http_errors
def project_edit(request, pk):
    project = permissions.access_project(request.user, pk, need="edit")
    form = ProjectForm(request.POST or None, request.FILES or None, instance=project)
    del form.fields["seeking_partners"]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in form.fields if k not in ("subjects", "languages", "cover")}
        if data.get("cover") is not None and data.get("cover") is not False:
            changes["cover"] = data["cover"]
        try:
            services.project_update(
                actor=request.user,
                project=Project.objects.get(pk=project.pk),
                subjects=data["subjects"],
                languages=data["languages"],
                **changes,
            )
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("The project is saved."))
            return redirect("projects:detail", project.pk)
    return render(request, "projects/project_form.html", {"form": form, "project": project})


@http_errors
def project_detail(request, pk):
    project = permissions.access_project(request.user, pk)
    user = request.user
    mine = permissions._partnership(user, project)
    context = {
        "project": project,
        "mine": mine,
        "schools": selectors.partner_schools(project),
        "is_member": permissions.is_member(user, project),
        "can_workspace": permissions.can_view_workspace(user, project),
        "can_manage": permissions.can_manage_project(user, project),
        "can_edit": permissions.can_edit_project(user, project),
        "can_invite": permissions.can_invite(user, project),
        "can_request": permissions.can_request_to_join(user, project),
        "can_archive": permissions.can_archive_project(user, project),
        "can_apply_label": permissions.can_apply_for_label(user, project)
        and not LabelApplication.objects.filter(project=project).exists(),
        "label": LabelApplication.objects.filter(project=project).first(),
        "join_form": JoinRequestForm(),
        "report_form": FinalReportForm(initial={"final_report": project.final_report}),
        "publish_form": PublishForm(initial={"outcomes": project.outcomes}),
    }
    return render(request, "projects/project_detail.html", context)


@action
def project_lifecycle(request, pk, step):
    project = permissions.access_project(request.user, pk)
    if step == "open":
        services.project_open_for_partners(actor=request.user, project=project)
        messages.success(request, _("The project is on the board of ideas."))
    elif step == "complete":
        form = FinalReportForm(request.POST)
        report = form.cleaned_data["final_report"] if form.is_valid() else ""
        services.project_complete(actor=request.user, project=project, final_report=report)
        messages.success(request, _("The project is completed. Well done!"))
    elif step == "archive":
        services.project_archive(actor=request.user, project=project)
        messages.success(request, _("The project is archived; it is read-only now."))
    elif step == "publish":
        form = PublishForm(request.POST)
        outcomes = form.cleaned_data["outcomes"] if form.is_valid() else None
        services.project_publish(actor=request.user, project=project, outcomes=outcomes or None)
        messages.success(request, _("The project is on the showcase."))
    elif step == "unpublish":
        services.project_unpublish(actor=request.user, project=project)
        messages.success(request, _("The project is no longer on the showcase."))
    else:
        raise Http404
    return redirect("projects:detail", project.pk)


@http_errors
def project_cover(request, pk, name):
    """A project's cover, for those who may see the project; cacheable by anyone once published."""
    project = permissions.access_project(request.user, pk)
    return serve_image(project.cover, name=name, public=project.published_at is not None)
