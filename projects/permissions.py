"""Who may do what with projects: the single source of truth.

Views, services, templates, the room rules registered for the project's
discussion room, search, the showcase and statistics all ask these.

- The *workspace* (room, plan, journal, files, member list) is for accepted
  members and staff only; everyone else gets a 404.
- A project's *idea page* (title, summary, subjects, schools) is visible to its
  members, staff and people it invited; to any signed-in teacher while it seeks
  partners; and to everybody once published on the showcase.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from community.permissions import (
    ambassador_region_ids,
    can_contribute,
    is_ambassador,
    is_staff,
    is_teacher,
)

from .models import Competition, Partnership, Project


def _partnership(user, project):
    """The user's partnership row for `project` (cached on the project object per user)."""
    if not (user and user.is_authenticated):
        return None
    cache = project.__dict__.setdefault("_partnership_cache", {})
    if user.pk not in cache:
        cache[user.pk] = Partnership.objects.filter(project=project, user=user).first()
    return cache[user.pk]


def is_member(user, project):
    row = _partnership(user, project)
    return row is not None and row.status == Partnership.Status.ACCEPTED


def can_view_workspace(user, project):
    return is_staff(user) or is_member(user, project)


def can_view_project(user, project):
    if project.published_at is not None:
        return True
    if can_view_workspace(user, project):
        return True
    row = _partnership(user, project)
    if row is not None and row.status in (Partnership.Status.INVITED, Partnership.Status.REQUESTED):
        return True
    return project.status == Project.Status.SEEKING and is_teacher(user)


def can_create_project(user):
    return can_contribute(user)


def can_manage_project(user, project):
    """Edit details, open for partners, complete, publish: founders and partners (and staff)."""
    if is_staff(user):
        return True
    row = _partnership(user, project)
    return row is not None and row.can_invite and can_contribute(user)


def can_edit_project(user, project):
    return not project.is_read_only and can_manage_project(user, project)


def can_invite(user, project):
    if project.status in (Project.Status.COMPLETED, Project.Status.ARCHIVED):
        return False
    row = _partnership(user, project)
    return row is not None and row.can_invite and can_contribute(user)


def can_request_to_join(user, project):
    return (
        can_contribute(user)
        and project.status in (Project.Status.SEEKING, Project.Status.ACTIVE)
        and _partnership(user, project) is None
    )


def can_work_in_project(user, project):
    """Add to the plan, journal and files: accepted members who may contribute, while not archived."""
    if project.is_read_only:
        return False
    return is_staff(user) or (is_member(user, project) and can_contribute(user))


def can_edit_project_pages(user, project):
    """Write, publish and reorder project pages: the one hook for letting pupils write pages later."""
    return can_work_in_project(user, project)


def can_archive_project(user, project):
    return project.status != Project.Status.ARCHIVED and can_manage_project(user, project)


def can_apply_for_label(user, project):
    return project.status in (
        Project.Status.COMPLETED,
        Project.Status.ARCHIVED,
    ) and can_manage_project(user, project)


def project_region_ids(project):
    """Regions of the schools taking part (accepted members)."""
    return set(
        Partnership.objects.filter(
            project=project, status=Partnership.Status.ACCEPTED, school__isnull=False
        )
        .values_list("school__region_id", flat=True)
        .distinct()
    )


def can_review_label(user, application):
    """Staff, or an ambassador of one of the partner schools' regions, who is not a member of the project."""
    if is_staff(user):
        return True
    if not is_ambassador(user) or is_member(user, application.project):
        return False
    return bool(ambassador_region_ids(user) & project_region_ids(application.project))


def can_manage_competitions(user):
    return is_staff(user)


def can_judge(user, competition):
    """Jury members who are (still) ambassadors or staff."""
    if not (is_staff(user) or is_ambassador(user)):
        return False
    return competition.jury.filter(pk=user.pk).exists()


def can_score_entry(user, entry):
    return can_judge(user, entry.competition) and not is_member(user, entry.project)


def can_view_regional_statistics(user, region_id):
    return is_staff(user) or region_id in ambassador_region_ids(user)


# --- room rules (registered in ProjectsConfig.ready) ---------------------------------


def _project_of_room(room):
    cached = getattr(room, "_project", None)
    if cached is None:
        cached = Project.objects.filter(pk=room.owner_id).first()
        room._project = cached
    return cached


def can_read_project_room(user, room):
    project = _project_of_room(room)
    return project is not None and can_view_workspace(user, project)


def can_post_in_project_room(user, room):
    project = _project_of_room(room)
    return (
        project is not None
        and not project.is_read_only
        and is_member(user, project)
        and can_contribute(user)
    )


# --- fetch-or-404 helpers --------------------------------------------------------------


def get_project_for(user, project_id):
    project = get_object_or_404(
        Project.objects.select_related("founder__profile", "room"), pk=project_id
    )
    if not can_view_project(user, project):
        raise Http404
    return project


def get_workspace_for(user, project_id):
    project = get_object_or_404(
        Project.objects.select_related("founder__profile", "room"), pk=project_id
    )
    if not can_view_workspace(user, project):
        raise Http404
    return project


def get_project_file_for(user, file_id):
    """A workspace file for members and staff; a journal image of a published, showcased entry for all."""
    from .models import ProjectFile

    item = ProjectFile.objects.select_related("project", "entry", "page").filter(pk=file_id).first()
    if item is None:
        raise Http404
    if can_view_workspace(user, item.project):
        return item
    showcased = item.project.published_at is not None and (
        (item.entry is not None and item.entry.on_showcase)
        or (item.page is not None and item.page.published_at is not None)
    )
    if not showcased:
        raise Http404
    return item


def get_showcase_project(project_id):
    return get_object_or_404(Project.objects.filter(published_at__isnull=False), pk=project_id)


def get_competition_for(user, competition_id):
    return get_object_or_404(Competition, pk=competition_id)
