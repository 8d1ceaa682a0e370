"""Shared bits of the project services."""

from django.urls import reverse

from community.discussions.services.notifications import notification_create
from community.errors import ActionError

from ..models import Partnership, Project


def project_url(project):
    return reverse("projects:detail", args=[project.pk])


def workspace_url(project):
    return reverse("projects:workspace", args=[project.pk])


def lock_project(project):
    """Re-read the project row under a lock (PostgreSQL; SQLite serialises writers anyway)."""
    return Project.objects.select_for_update().get(pk=project.pk)


def partnership_of(user, project):
    return Partnership.objects.filter(project=project, user=user).first()


def school_of(user):
    profile = getattr(user, "profile", None)
    return getattr(profile, "school", None) if profile is not None else None


def accepted(project):
    return Partnership.objects.filter(project=project, status=Partnership.Status.ACCEPTED)


def notify_members(project, *, kind, title, url, params=None, actor=None, managers_only=False):
    """Notify the project's members: `title` is a gettext_noop template filled with `params`."""
    rows = accepted(project).select_related("user__profile")
    if managers_only:
        rows = rows.filter(role__in=[Partnership.Role.FOUNDER, Partnership.Role.PARTNER])
    for row in rows:
        notification_create(
            recipient=row.user, kind=kind, title=title, params=params, url=url, actor=actor
        )


def refuse(code, detail):
    raise ActionError(code, detail)
