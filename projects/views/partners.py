"""Taking part: joining, invitations, answers, leaving and removal, the member list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from community.errors import ActionError, http_errors
from community.models import User

from .. import permissions, selectors, services
from ..forms import InviteForm, JoinRequestForm
from ..models import Partnership
from ._common import action, safe_next, workspace_context


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


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
    project = permissions.access_project(request.user, project_id)
    services.partnership_invite(
        actor=request.user, project=project, invitee=invitee, role=Partnership.Role.PARTNER
    )
    messages.success(
        request,
        _("Invitation to “%(title)s” sent to %(name)s.")
        % {"title": project.title, "name": invitee.display_name},
    )
    return redirect(safe_next(request, reverse("projects:teachers")))


@action
def project_join(request, pk):
    project = permissions.access_project(request.user, pk)
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
    permissions.access_project(request.user, row.project)
    accept = request.POST.get("answer") == "accept"
    if row.status == Partnership.Status.INVITED:
        services.partnership_respond_invitation(actor=request.user, partnership=row, accept=accept)
    elif row.status == Partnership.Status.REQUESTED:
        services.partnership_respond_request(actor=request.user, partnership=row, accept=accept)
    else:
        raise ActionError("conflict", _("This has already been answered."))
    messages.success(request, _("Accepted.") if accept else _("Declined."))
    return redirect(safe_next(request, reverse("projects:detail", args=[row.project_id])))


@action
def partnership_remove(request, pk):
    row = get_object_or_404(Partnership.objects.select_related("project", "user__profile"), pk=pk)
    permissions.access_project(request.user, row.project_id, need="workspace")
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


@login_required
@http_errors
def members(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
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
    context = workspace_context(request, project, "members")
    context.update({"rows": selectors.members_of(project), "form": form})
    if context["can_invite"]:
        context["suggestions"] = selectors.partner_suggestions(project, limit=8)
    return render(
        request, "projects/workspace_members.html", context, status=400 if form.errors else 200
    )


@action
def invite_suggested(request, pk):
    project = permissions.access_project(request.user, pk, need="workspace")
    invitee = get_object_or_404(User, pk=_as_int(request.POST.get("user")) or 0)
    services.partnership_invite(
        actor=request.user, project=project, invitee=invitee, role=Partnership.Role.PARTNER
    )
    messages.success(request, _("Invitation sent to %(name)s.") % {"name": invitee.display_name})
    return redirect("projects:members", project.pk)
