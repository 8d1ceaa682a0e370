"""Invitations from founders and partners; requests to join; their answers. Each with a notification."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.services.notifications import notification_create
from community.permissions import can_contribute, is_teacher
from community.realtime import revoke_room

from .. import permissions
from ..models import Partnership, Project
from ._common import lock_project, notify_members, partnership_of, project_url, refuse, school_of
from .lifecycle import activate_if_partnered
from .pupils import pupils_erase_for_teacher

INVITABLE_ROLES = (Partnership.Role.PARTNER, Partnership.Role.MEMBER)


def partnership_invite(*, actor, project, invitee, role=Partnership.Role.PARTNER, message=""):
    """A founder or partner invites a teacher as partner (may invite others) or member."""
    if invitee.pk == actor.pk:
        refuse("invalid", _("You cannot invite yourself."))
    if role not in INVITABLE_ROLES:
        refuse("invalid", _("Choose the role: partner or member."))
    if not permissions.can_invite(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can invite teachers."))
    if not is_teacher(invitee):
        refuse("invalid", _("Only teachers with a confirmed account can be invited."))
    with transaction.atomic():
        project = lock_project(project)
        row = partnership_of(invitee, project)
        if row is not None and row.status == Partnership.Status.ACCEPTED:
            refuse(
                "conflict",
                _("%(name)s already takes part in this project.") % {"name": invitee.display_name},
            )
        if row is not None and row.status == Partnership.Status.INVITED:
            refuse(
                "conflict", _("%(name)s has already been invited.") % {"name": invitee.display_name}
            )
        if row is None:
            row = Partnership(project=project, user=invitee)
        # A pending request to join is answered by the invitation too: the invitee still accepts.
        row.status = Partnership.Status.INVITED
        row.role = role
        row.invited_by = actor
        row.message = message
        row.responded_at = None
        row.save()
        notification_create(
            recipient=invitee,
            actor=actor,
            kind="project.invitation",
            title=gettext_noop("%(name)s invites you to the project “%(title)s”."),
            params={"name": actor.display_name, "title": project.title},
            url=reverse("projects:detail", args=[project.pk]),
            text=message,
        )
    return row


def partnership_request(*, actor, project, message=""):
    """A teacher asks to join a project that is seeking partners (or active)."""
    if project.status == Project.Status.ARCHIVED:
        refuse("conflict", _("This project is archived: it no longer takes new members."))
    if project.status == Project.Status.COMPLETED:
        refuse("conflict", _("This project is completed: it no longer takes new members."))
    if not can_contribute(actor):
        refuse("forbidden", _("Only verified teachers can join projects."))
    with transaction.atomic():
        project = lock_project(project)
        row = partnership_of(actor, project)
        if row is not None and row.status == Partnership.Status.ACCEPTED:
            refuse("conflict", _("You already take part in this project."))
        if row is not None and row.status == Partnership.Status.REQUESTED:
            refuse("conflict", _("You have already asked to join this project."))
        if row is not None and row.status == Partnership.Status.INVITED:
            refuse("conflict", _("You are already invited: accept the invitation instead."))
        if project.status not in (Project.Status.SEEKING, Project.Status.ACTIVE):
            refuse("conflict", _("This project is not open to requests."))
        if row is None:
            row = Partnership(project=project, user=actor)
        row.status = Partnership.Status.REQUESTED
        row.role = Partnership.Role.MEMBER
        row.message = message
        row.invited_by = None
        row.responded_at = None
        row.save()
        notify_members(
            project,
            kind="project.request",
            title=gettext_noop("%(name)s asks to join “%(title)s”."),
            params={"name": actor.display_name, "title": project.title},
            url=reverse("projects:members", args=[project.pk]),
            actor=actor,
            managers_only=True,
        )
    return row


def _accept(row):
    row.status = Partnership.Status.ACCEPTED
    row.school = school_of(row.user)
    row.responded_at = timezone.now()
    row.save()


def partnership_respond_invitation(*, actor, partnership, accept):
    """The invitee accepts or declines."""
    if partnership.user_id != actor.pk:
        refuse("forbidden", _("This invitation is not yours."))
    with transaction.atomic():
        project = lock_project(partnership.project)
        row = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if row.status != Partnership.Status.INVITED:
            refuse("conflict", _("This invitation has already been answered."))
        if project.status == Project.Status.ARCHIVED:
            refuse("conflict", _("This project is archived: it no longer takes new members."))
        if accept and not can_contribute(actor):
            refuse("forbidden", _("Only verified teachers can join projects."))
        if accept:
            _accept(row)
            title = gettext_noop("%(name)s accepted your invitation to “%(title)s”.")
        else:
            row.status = Partnership.Status.DECLINED
            row.responded_at = timezone.now()
            row.save()
            title = gettext_noop("%(name)s declined your invitation to “%(title)s”.")
        if row.invited_by_id:
            notification_create(
                recipient=row.invited_by,
                actor=actor,
                kind="project.invitation_answer",
                title=title,
                params={"name": actor.display_name, "title": project.title},
                url=reverse("projects:members", args=[project.pk]),
            )
        if accept:
            activate_if_partnered(project)
    return row


def partnership_respond_request(*, actor, partnership, accept):
    """A founder or partner accepts or declines a request to join."""
    project = partnership.project
    if not permissions.can_invite(actor, project) and not (
        permissions.is_staff(actor) and project.status != Project.Status.ARCHIVED
    ):
        refuse("forbidden", _("Only the project's founder and partners can answer requests."))
    with transaction.atomic():
        project = lock_project(project)
        row = Partnership.objects.select_for_update().get(pk=partnership.pk)
        if row.status != Partnership.Status.REQUESTED:
            refuse("conflict", _("This request has already been answered."))
        if accept:
            _accept(row)
            title = gettext_noop("You have joined “%(title)s”.")
        else:
            row.status = Partnership.Status.DECLINED
            row.responded_at = timezone.now()
            row.save()
            title = gettext_noop("Your request to join “%(title)s” was declined.")
        notification_create(
            recipient=row.user,
            actor=actor,
            kind="project.request_answer",
            title=title,
            params={"title": project.title},
            url=project_url(project),
        )
        if accept:
            activate_if_partnered(project)
    return row


def partnership_remove(*, actor, partnership):
    """A founder removes a member, or a member leaves; their sockets drop the room at once."""
    project = partnership.project
    leaving = partnership.user_id == actor.pk
    if partnership.role == Partnership.Role.FOUNDER:
        if leaving:
            refuse("forbidden", _("The founder cannot leave the project."))
        refuse("forbidden", _("The founder cannot be removed from the project."))
    if not leaving and not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can remove members."))
    with transaction.atomic():
        partnership.delete()
        pupils_erase_for_teacher(project, partnership.user_id)  # their pupils leave with them
        if project.room_id:
            revoke_room(partnership.user_id, project.room_id, "removed")
