"""HTTP in, permission or service call, template out."""

import csv
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.errors import ActionError
from community.localized import collation_key
from community.models import Region, User
from community.permissions import is_staff

from . import permissions, selectors, services
from .forms import (
    CompetitionForm,
    EntryForm,
    FileForm,
    FinalReportForm,
    InviteForm,
    JoinRequestForm,
    JournalEntryForm,
    LabelApplicationForm,
    LabelReviewForm,
    MilestoneForm,
    ProjectFilterForm,
    ProjectForm,
    PublishForm,
    ScoreForm,
    ShowcaseFilterForm,
    TaskForm,
    TaskStatusForm,
    TeacherFilterForm,
)
from .models import (
    Competition,
    CompetitionEntry,
    LabelApplication,
    LabelCriterion,
    Partnership,
    Project,
    Task,
)

PAGE_SIZE = 20


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _refused(request, error):
    messages.error(request, error.detail)


def action(view):
    """POST actions: a refused service call becomes a message, then back to where the user was."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ActionError as error:
            _refused(request, error)
            return redirect(_safe_next(request, reverse("projects:mine")))

    return login_required(require_POST(wrapper))


def _safe_next(request, default):
    target = request.POST.get("next") or ""
    return target if target.startswith("/") and not target.startswith("//") else default


# --- partner finding -----------------------------------------------------------------------


def board(request):
    form = ProjectFilterForm(request.GET or None)
    rows = selectors.project_board(form.filters() if request.GET else {})
    return render(
        request,
        "projects/board.html",
        {"form": form, "page": _page(request, rows), "query": _query_without_page(request)},
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
            "page": _page(request, rows.order_by("display_name", "pk")),
            "query": _query_without_page(request),
            "invitable": selectors.invitable_projects(request.user),
        },
    )


@action
def teacher_invite(request):
    """From the partner search: invite a teacher, by user id, to one of the viewer's projects."""
    invitee = User.objects.filter(pk=_as_int(request.POST.get("user")) or 0, is_active=True).first()
    if invitee is None:
        raise ActionError("invalid", _("This teacher is no longer on the platform."))
    project_id = _as_int(request.POST.get("project"))
    if project_id is None:
        raise ActionError(
            "invalid",
            _("Choose the project to invite %(name)s to.") % {"name": invitee.display_name},
        )
    project = permissions.get_project_for(request.user, project_id)
    services.partnership_invite(
        actor=request.user, project=project, invitee=invitee, role=Partnership.Role.PARTNER
    )
    messages.success(
        request,
        _("Invitation to “%(title)s” sent to %(name)s.")
        % {"title": project.title, "name": invitee.display_name},
    )
    return redirect(_safe_next(request, reverse("projects:teachers")))


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


# --- the project -------------------------------------------------------------------------------


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
def project_edit(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
    if not permissions.can_edit_project(request.user, project):
        raise PermissionDenied
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


def project_detail(request, pk):
    project = permissions.get_project_for(request.user, pk)
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
    project = permissions.get_project_for(request.user, pk)
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


@action
def project_join(request, pk):
    project = permissions.get_project_for(request.user, pk)
    form = JoinRequestForm(request.POST)
    form.is_valid()
    services.partnership_request(
        actor=request.user, project=project, message=form.cleaned_data.get("message", "")
    )
    messages.success(request, _("Your request is sent to the project's founder and partners."))
    return redirect("projects:detail", project.pk)


@action
def partnership_respond(request, pk):
    row = get_object_or_404(Partnership.objects.select_related("project"), pk=pk)
    if not permissions.can_view_project(request.user, row.project):
        raise Http404
    accept = request.POST.get("answer") == "accept"
    if row.status == Partnership.Status.INVITED:
        services.partnership_respond_invitation(actor=request.user, partnership=row, accept=accept)
    elif row.status == Partnership.Status.REQUESTED:
        services.partnership_respond_request(actor=request.user, partnership=row, accept=accept)
    else:
        raise ActionError("conflict", _("This has already been answered."))
    messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect(_safe_next(request, reverse("projects:detail", args=[row.project_id])))


@action
def partnership_remove(request, pk):
    row = get_object_or_404(Partnership.objects.select_related("project", "user__profile"), pk=pk)
    permissions.get_workspace_for(request.user, row.project_id)
    services.partnership_remove(actor=request.user, partnership=row)
    if row.user_id == request.user.pk:
        # The workspace is closed to them now.
        messages.success(request, _("You have left the project."))
        return redirect("projects:mine")
    name = row.user.display_name
    if row.status == Partnership.Status.INVITED:
        messages.success(
            request, _("The invitation to %(name)s has been withdrawn.") % {"name": name}
        )
    else:
        messages.success(request, _("%(name)s has been removed from the project.") % {"name": name})
    return redirect("projects:members", row.project_id)


# --- the workspace -------------------------------------------------------------------------------


def _workspace_context(request, project, tab):
    return {
        "project": project,
        "tab": tab,
        "can_work": permissions.can_work_in_project(request.user, project),
        "can_manage": permissions.can_manage_project(request.user, project),
        "can_invite": permissions.can_invite(request.user, project),
        "is_pupil": permissions.is_pupil(request.user),
        "can_manage_pupils": permissions.can_manage_pupils(request.user, project),
    }


def _room_context(request, project):
    """The discussion room's context, from the discussions app (templates/community/discussions/_room.html)."""
    from community.discussions.models import Room
    from community.discussions.views import room_context

    if project.room_id is None:
        return {}
    room = Room.objects.get(pk=project.room_id)
    return room_context(request, room)


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def workspace(request, pk):
    project = permissions.get_workspace_for(request.user, pk, pupils=True)
    context = _workspace_context(request, project, "discussion")
    context.update(_room_context(request, project))
    return render(request, "projects/workspace_discussion.html", context)


@login_required
def plan(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
    context = _workspace_context(request, project, "plan")
    context.update(selectors.workspace(project))
    context["milestone_form"] = MilestoneForm()
    context["task_form"] = TaskForm(project=project)
    context["status_choices"] = Task.Status.choices
    return render(request, "projects/workspace_plan.html", context)


@action
def milestone_add(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
    form = MilestoneForm(request.POST)
    if not form.is_valid():
        raise ActionError("invalid", _("A milestone needs a title and a valid date."))
    services.milestone_create(actor=request.user, project=project, **form.cleaned_data)
    messages.success(request, _("Milestone added."))
    return redirect("projects:plan", project.pk)


@action
def task_add(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
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
    permissions.get_workspace_for(request.user, task.project_id)
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        raise ActionError("invalid", _("Unknown task status."))
    services.task_set_status(actor=request.user, task=task, status=form.cleaned_data["status"])
    return redirect("projects:plan", task.project_id)


@login_required
def journal(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
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
    context = _workspace_context(request, project, "journal")
    context.update({"journal": selectors.workspace(project)["journal"], "form": form})
    return render(
        request, "projects/workspace_journal.html", context, status=400 if form.errors else 200
    )


@login_required
def files(request, pk):
    project = permissions.get_workspace_for(request.user, pk, pupils=True)
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
    context = _workspace_context(request, project, "files")
    context.update({"files": selectors.workspace_files(project, request.user), "form": form})
    return render(
        request, "projects/workspace_files.html", context, status=400 if form.errors else 200
    )


@login_required
def members(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and not permissions.can_invite(request.user, project):
        messages.error(request, _("Only the project's founder and partners can invite teachers."))
        return redirect("projects:members", project.pk)
    if request.method == "POST" and form.is_valid():
        # The same answer whether or not the address has an account, whether or not it already
        # takes part: the form must not tell an inviter who is registered under an address.
        invitee = User.objects.filter(
            email__iexact=form.cleaned_data["email"], is_active=True
        ).first()
        if invitee is not None and invitee.pk == request.user.pk:
            form.add_error("email", _("You cannot invite yourself."))
        else:
            if invitee is not None:
                try:
                    services.partnership_invite(
                        actor=request.user,
                        project=project,
                        invitee=invitee,
                        role=form.cleaned_data["role"],
                        message=form.cleaned_data["message"],
                    )
                except ActionError:
                    pass  # already invited or taking part: nothing to send, nothing to say
            messages.success(
                request, _("If a teacher with this address exists, they have been invited.")
            )
            return redirect("projects:members", project.pk)
    context = _workspace_context(request, project, "members")
    context.update({"rows": selectors.members_of(project), "form": form})
    if context["can_invite"]:
        context["suggestions"] = selectors.partner_suggestions(project, limit=8)
    return render(
        request, "projects/workspace_members.html", context, status=400 if form.errors else 200
    )


@action
def invite_suggested(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
    invitee = get_object_or_404(User, pk=_as_int(request.POST.get("user")) or 0)
    services.partnership_invite(
        actor=request.user, project=project, invitee=invitee, role=Partnership.Role.PARTNER
    )
    messages.success(request, _("Invitation sent to %(name)s.") % {"name": invitee.display_name})
    return redirect("projects:members", project.pk)


# --- quality labels ------------------------------------------------------------------------------


@login_required
def label_apply(request, pk):
    project = permissions.get_workspace_for(request.user, pk)
    form = LabelApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.label_apply(actor=request.user, project=project, answers=form.answers())
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            messages.success(request, _("Your application is sent to the reviewers."))
            return redirect("projects:detail", project.pk)
    return render(
        request,
        "projects/label_apply.html",
        {"project": project, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def label_review(request, pk):
    application = get_object_or_404(LabelApplication.objects.select_related("project"), pk=pk)
    if not permissions.can_review_label(
        request.user, application
    ) and not permissions.can_view_workspace(request.user, application.project):
        raise Http404
    can_review = permissions.can_review_label(request.user, application)
    form = LabelReviewForm(request.POST or None)
    if request.method == "POST":
        if not can_review:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.label_review(
                    actor=request.user,
                    application=application,
                    scores=form.scores(),
                    feedback=form.feedback(),
                    grant=form.cleaned_data["decision"] == "grant",
                )
            except ActionError as error:
                form.add_error(None, error.detail)
            else:
                messages.success(request, _("Your review is saved and the partners are told."))
                return redirect("projects:label_review", application.pk)
    answers = [
        (
            c.label,
            application.answers.get(c.value, ""),
            application.scores.get(c.value),
            application.feedback.get(c.value, ""),
        )
        for c in LabelCriterion
    ]
    return render(
        request,
        "projects/label_review.html",
        {
            "application": application,
            "project": application.project,
            "answers": answers,
            "form": form,
            "can_review": can_review,
        },
        status=400 if form.errors else 200,
    )


# --- showcase ------------------------------------------------------------------------------------


def showcase(request):
    form = ShowcaseFilterForm(request.GET or None)
    rows = selectors.showcase(form.filters() if request.GET else {})
    return render(
        request,
        "projects/showcase.html",
        {"form": form, "page": _page(request, rows), "query": _query_without_page(request)},
    )


def showcase_detail(request, pk):
    project = permissions.get_showcase_project(pk)
    context = {
        "project": project,
        "pages": selectors.published_pages(project),
        **selectors.showcase_detail(project),
    }
    return render(request, "projects/showcase_detail.html", context)


# --- competitions -------------------------------------------------------------------------------------


def competitions(request):
    return render(
        request,
        "projects/competitions.html",
        {
            "competitions": selectors.competitions(),
            "can_create": permissions.can_manage_competitions(request.user),
        },
    )


@login_required
def competition_create(request):
    if not permissions.can_manage_competitions(request.user):
        raise PermissionDenied
    form = CompetitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            competition = services.competition_create(
                actor=request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                deadline=form.cleaned_data["deadline"],
                categories=form.category_names(),
                jury=list(form.cleaned_data["jury"]),
            )
        except ActionError as error:
            form.add_error(None, error.detail)
        else:
            return redirect("projects:competition", competition.pk)
    return render(
        request,
        "projects/competition_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def competition_detail(request, pk):
    competition = get_object_or_404(Competition.objects.prefetch_related("categories"), pk=pk)
    user = request.user
    is_jury = user.is_authenticated and permissions.can_judge(user, competition)
    entries = (
        list(selectors.competition_entries(competition)) if (is_jury or is_staff(user)) else []
    )
    if is_jury:
        for entry in entries:
            entry.may_score = not permissions.is_member(user, entry.project)
    awards = list(selectors.competition_awards(competition)) if competition.announced_at else []
    entry_form = None
    if user.is_authenticated and competition.announced_at is None:
        entry_form = EntryForm(competition=competition, user=user)
        if not entry_form.fields["project"].queryset.exists():
            entry_form = None
    return render(
        request,
        "projects/competition_detail.html",
        {
            "competition": competition,
            "entries": entries,
            "awards": awards,
            "is_jury": is_jury,
            "entry_form": entry_form,
            "score_form": ScoreForm(),
            "can_announce": permissions.can_manage_competitions(user)
            and competition.announced_at is None,
        },
    )


@action
def competition_enter(request, pk):
    competition = get_object_or_404(Competition, pk=pk)
    form = EntryForm(request.POST, competition=competition, user=request.user)
    if not form.is_valid():
        raise ActionError("invalid", _("Choose one of your projects and a category."))
    services.competition_enter(actor=request.user, competition=competition, **form.cleaned_data)
    messages.success(request, _("Your project is entered."))
    return redirect("projects:competition", competition.pk)


@action
def entry_score(request, pk):
    entry = get_object_or_404(
        CompetitionEntry.objects.select_related("competition", "project"), pk=pk
    )
    form = ScoreForm(request.POST)
    if not form.is_valid():
        raise ActionError(
            "invalid", _("Scores go from %(min)d to %(max)d.") % {"min": 0, "max": 10}
        )
    services.entry_score(actor=request.user, entry=entry, **form.cleaned_data)
    messages.success(request, _("Score saved."))
    return redirect("projects:competition", entry.competition_id)


@action
def competition_announce(request, pk):
    competition = get_object_or_404(Competition, pk=pk)
    services.competition_announce(actor=request.user, competition=competition)
    messages.success(request, _("The winners are announced."))
    return redirect("projects:competition", competition.pk)


# --- statistics -------------------------------------------------------------------------------------


def statistics(request):
    from community.permissions import ambassador_region_ids

    linked = "all" if is_staff(request.user) else ambassador_region_ids(request.user)
    return render(
        request,
        "projects/statistics.html",
        {"stats": selectors.statistics(), "linked_regions": linked},
    )


def statistics_csv(request):
    """The same aggregates as the page. `count` is the number of projects, except on `total` rows,
    where it is the total named by `key`; teachers, schools and completed are per region."""
    stats = selectors.statistics()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="project-statistics.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "key", "count", "teachers", "schools", "completed"])
    for value, _label, n in stats["by_status"]:
        writer.writerow(["status", value, n, "", "", ""])
    for row in stats["by_year"]:
        writer.writerow(["year", row["year"], row["n"], "", "", ""])
    for key in ("projects", "teachers", "schools", "regions", "countries", "labels"):
        writer.writerow(["total", key, stats["totals"][key], "", "", ""])
    # Region keys stay in English, in English order, whatever the interface language.
    by_region = sorted(
        stats["by_region"],
        key=lambda row: (
            collation_key(row["school__region__country__name"], "en"),
            collation_key(row["school__region__name"], "en"),
        ),
    )
    for row in by_region:
        writer.writerow(
            [
                "region",
                f"{row['school__region__name']} ({row['school__region__country__name']})",
                row["projects"],
                row["teachers"],
                row["schools"],
                row["completed"],
            ]
        )
    return response


@login_required
def regional_statistics(request, region_id):
    region = get_object_or_404(Region.objects.select_related("country"), pk=region_id)
    if not permissions.can_view_regional_statistics(request.user, region.pk):
        raise Http404
    return render(
        request,
        "projects/statistics_region.html",
        {"region": region, "stats": selectors.statistics(region_id=region.pk)},
    )


def file_download(request, pk):
    """A workspace file or journal image, through the workspace's access rule (never from MEDIA_URL)."""
    from community.files import stored_file_response

    item = permissions.get_project_file_for(request.user, pk)
    name = item.file.name.rsplit("/", 1)[-1]
    return stored_file_response(item.file, filename=name, inline=item.kind == "image")


def project_cover(request, pk, name):
    """A project's cover, for those who may see the project; cacheable by anyone once published."""
    from community.files import serve_image

    project = permissions.get_project_for(request.user, pk)
    return serve_image(project.cover, name=name, public=project.published_at is not None)


# --- project pages ------------------------------------------------------------------------------------


def showcase_page(request, pk, page_pk):
    project = permissions.get_showcase_project(pk)
    page = selectors.published_page(project, page_pk)
    if page is None:
        raise Http404
    return render(request, "projects/showcase_page.html", {"project": project, "page": page})


@login_required
def pages(request, pk):
    """The Pages tab: the list in order; teachers add, move, publish and delete pages here, and
    pupils add and delete their own when the project lets them write pages."""
    project = permissions.get_workspace_for(request.user, pk, pupils=True)
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
    context = _workspace_context(request, project, "pages")
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
def page_edit(request, pk):
    """One page in the workspace: read it, its history, and (who may) edit, approve or delete it."""
    from .models import ProjectPage

    page = get_object_or_404(
        ProjectPage.objects.select_related("project", "author__pupil__pupil_class"), pk=pk
    )
    project = permissions.get_workspace_for(request.user, page.project_id, pupils=True)
    page.project = project
    if not permissions.can_see_project_page(request.user, page):
        raise Http404
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
    context = _workspace_context(request, project, "pages")
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
