"""The workspace's reads: members and their schools, the plan, journal, files and pages."""

from django.db.models import Prefetch, Q

from .. import permissions
from ..models import JournalEntry, Milestone, Partnership, ProjectFile, Task


def members_of(project):
    return (
        Partnership.objects.filter(project=project)
        .exclude(status=Partnership.Status.DECLINED)
        .select_related("user__profile", "school__region__country", "invited_by__profile")
        .order_by("status", "created_at")
    )


def partner_schools(project):
    seen, schools = set(), []
    for row in members_of(project):
        if (
            row.status == Partnership.Status.ACCEPTED
            and row.school_id
            and row.school_id not in seen
        ):
            seen.add(row.school_id)
            schools.append(row.school)
    return schools


def _hidden_held_pages(viewer, project):
    """The pages this viewer of the workspace may not see (other pupils' held pages), or None:
    a teacher of the project sees them all."""
    if permissions.can_view_workspace(viewer, project):
        return None
    return Q(held=True) & ~Q(author_id=viewer.pk)


def workspace_pages(project, viewer):
    """The Pages tab's list, in order, with who wrote each page."""
    pages = project.pages.select_related("author__pupil__pupil_class").order_by("position", "id")
    hidden = _hidden_held_pages(viewer, project)
    return pages if hidden is None else pages.exclude(hidden)


def workspace_files(project, viewer):
    """The Files tab: shared files and pages' images, without the images of held pages the
    viewer may not see."""
    files = workspace(project)["files"]
    hidden = _hidden_held_pages(viewer, project)
    return files if hidden is None else files.exclude(page__in=project.pages.filter(hidden))


def workspace(project):
    milestones = Milestone.objects.filter(project=project).prefetch_related(
        Prefetch("tasks", queryset=Task.objects.select_related("assignee__profile"))
    )
    loose_tasks = Task.objects.filter(project=project, milestone__isnull=True).select_related(
        "assignee__profile"
    )
    journal = (
        JournalEntry.objects.filter(project=project)
        .select_related("school", "author__profile")
        .prefetch_related("attachments")
    )
    files = ProjectFile.objects.filter(project=project, entry__isnull=True).select_related(
        "uploaded_by__profile"
    )
    return {
        "milestones": milestones,
        "loose_tasks": loose_tasks,
        "journal": journal,
        "files": files,
    }
