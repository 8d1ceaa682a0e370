"""The workspace: its room, the plan, the journal and the files."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from community.discussions.models import Room
from community.discussions.views import room_context
from community.errors import ActionError, http_errors
from community.files import stored_file_response

from .. import permissions, selectors, services
from ..forms import FileForm, JournalEntryForm, MilestoneForm, TaskForm, TaskStatusForm
from ..models import Task
from ._common import action, workspace_context


def _room_context(request, project):
    """The discussion room's context, from the discussions app (templates/community/discussions/_room.html)."""
    if project.room_id is None:
        return {}
    room = Room.objects.get(pk=project.room_id)
    return room_context(request, room)


@login_required
@http_errors
def workspace(request, pk):
    project = permissions.access_project(request.user, pk, need="enter")
    context = workspace_context(request, project, "discussion")
    context.update(_room_context(request, project))
    return render(request, "projects/workspace_discussion.html", context)


@login_required
@http_errors
def plan(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
    context = workspace_context(request, project, "plan")
    context.update(selectors.workspace(project))
    context["milestone_form"] = MilestoneForm()
    context["task_form"] = TaskForm(project=project)
    context["status_choices"] = Task.Status.choices
    return render(request, "projects/workspace_plan.html", context)


@action
def milestone_add(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        raise ActionError("invalid", _("A milestone needs a title and a valid date."))
    services.milestone_create(actor=request.user, project=project, **form.cleaned_data)
    messages.success(request, _("Milestone added."))
    return redirect("projects:plan", project.pk)


@action
def task_add(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
    form = TaskForm(request.POST, project=project)
    if not form.is_valid():
        raise ActionError(
            "invalid", _("A task needs a title; check the date, milestone and assignee.")
        )
    services.task_create(actor=request.user, project=project, **form.cleaned_data)
    messages.success(request, _("Task added."))
    return redirect("projects:plan", project.pk)


@action
def task_status(request, pk):
    task = get_object_or_404(Task.objects.select_related("project"), pk=pk)
    permissions.access_project(request.user, task.project_id, need="workspace")
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        raise ActionError("invalid", _("Unknown task status."))
    services.task_set_status(actor=request.user, task=task, status=form.cleaned_data["status"])
    return redirect("projects:plan", task.project_id)


@login_required
@http_errors
def journal(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
    schools = selectors.partner_schools(project)
    form = JournalEntryForm(request.POST or None, request.FILES or None, schools=schools)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.journal_entry_create(
                    actor=request.user,
                    project=project,
                    title=data["title"],
                    body=data["body"],
                    happened_on=data["happened_on"],
                    school=data.get("school"),
                    files=data.get("files") or [],
                    on_showcase=data["on_showcase"],
                )
            except ActionError as error:
                form.add_error(None, error.detail)
            else:
                messages.success(request, _("Journal entry added."))
                return redirect("projects:journal", project.pk)
    context = workspace_context(request, project, "journal")
    context.update({"journal": selectors.workspace(project)["journal"], "form": form})
    return render(
        request, "projects/workspace_journal.html", context, status=400 if form.errors else 200
    )


@login_required
@http_errors
def files(request, pk):
    project = permissions.access_project(request.user, pk, need="enter")
    form = FileForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.file_upload(
                    actor=request.user,
                    project=project,
                    upload=form.cleaned_data["upload"],
                    title=form.cleaned_data["title"],
                )
            except ActionError as error:
                form.add_error("upload", error.detail)
            else:
                messages.success(request, _("File uploaded."))
                return redirect("projects:files", project.pk)
    context = workspace_context(request, project, "files")
    context.update({"files": selectors.workspace_files(project, request.user), "form": form})
    return render(
        request, "projects/workspace_files.html", context, status=400 if form.errors else 200
    )


@http_errors
def file_download(request, pk):
    """A workspace file or journal image, through the workspace's access rule (never from MEDIA_URL)."""
    item = permissions.access_project_file(request.user, pk)
    name = item.file.name.rsplit("/", 1)[-1]
    return stored_file_response(item.file, filename=name, inline=item.kind == "image")
