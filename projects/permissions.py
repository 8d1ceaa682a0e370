"""Who may do what with projects: the single source of truth.

Views, services, templates, the room rules registered for the project's
discussion room, search, the showcase and statistics all ask these.

- The *workspace* (room, plan, journal, files, member list) is for accepted
  members and staff only; everyone else gets a 404.
- A project's *idea page* (title, summary, subjects, schools) is visible to its
  members, staff and people it invited; to any signed-in teacher while it seeks
  partners; and to everybody once published on the showcase.
- A *pupil* (an account a member teacher made in a class of the project) sees,
  while the project runs (seeking partners or active), the project's room, its
  pages and its files, and nothing else of the platform: no member list, plan,
  journal, people, community, other project, directory or search. Their posts
  wait for their own teacher's approval when the project is pre-moderated.
"""

from django.utils.translation import gettext as _

from community.errors import ActionError
from community.permissions import (
    ambassador_region_ids,
    as_id,
    can_contribute,
    is_ambassador,
    is_pupil,
    is_staff,
    is_teacher,
)

from .models import Partnership, Project, ProjectFile, ProjectPage, Pupil


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
    """The whole workspace (members, plan, journal too): members and staff, never a pupil."""
    return is_staff(user) or is_member(user, project)


def pupil_of(user):
    """The Pupil row of a pupil's account (cached on the user object), or None."""
    if not is_pupil(user):
        return None
    if "_tc_pupil" not in user.__dict__:
        user.__dict__["_tc_pupil"] = (
            Pupil.objects.select_related("pupil_class__project").filter(user=user).first()
        )
    return user.__dict__["_tc_pupil"]


PUPIL_OPEN_STATUSES = (Project.Status.SEEKING, Project.Status.ACTIVE)


def pupil_project(user):
    """The project a pupil may enter now (it runs), or None."""
    pupil = pupil_of(user)
    if pupil is None:
        return None
    project = pupil.pupil_class.project
    return project if project.status in PUPIL_OPEN_STATUSES else None


def is_pupil_in(user, project):
    found = pupil_project(user)
    return found is not None and found.pk == project.pk


def can_enter_workspace(user, project):
    """The project's room, pages and files: the workspace's people and the project's pupils."""
    return can_view_workspace(user, project) or is_pupil_in(user, project)


def can_manage_pupils(user, project):
    """Add a class, print its cards, reset and remove pupils: member teachers, while it runs."""
    return (
        project.status in PUPIL_OPEN_STATUSES
        and is_member(user, project)
        and can_contribute(user)
    )


def is_class_teacher(user, pupil_class):
    """The class's own teacher (or staff): sees its cards, changes its pupils."""
    return is_staff(user) or (user.is_authenticated and pupil_class.teacher_id == user.pk)


def can_decide_pupil_post(user, pupil):
    """Approve or refuse a pupil's held post: their own teacher (or staff)."""
    return is_staff(user) or (
        user.is_authenticated and pupil.pupil_class.teacher_id == user.pk and is_teacher(user)
    )


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


def _pupil_writes_pages(user, project):
    return is_pupil_in(user, project) and project.pupils_write_pages and not project.is_read_only


def can_edit_project_pages(user, project):
    """Add a page: the project's working teachers; its pupils too when the project allows it."""
    return can_work_in_project(user, project) or _pupil_writes_pages(user, project)


def can_manage_project_pages(user, project):
    """Publish, unpublish and reorder the pages: the project's teachers, never a pupil."""
    return can_work_in_project(user, project)


def can_see_project_page(user, page):
    """A page in the workspace: everyone who enters it; a held pupil's page only the project's
    teachers and its author."""
    project = page.project
    if not can_enter_workspace(user, project):
        return False
    if not page.held:
        return True
    return can_view_workspace(user, project) or (
        user.is_authenticated and page.author_id == user.pk
    )


def can_edit_project_page(user, page):
    """Change or delete one page: the project's teachers; a pupil their own page, while the project
    lets pupils write pages and, under pre-moderation, only until their teacher approves it."""
    project = page.project
    if can_work_in_project(user, project):
        return True
    if not _pupil_writes_pages(user, project) or page.author_id != user.pk:
        return False
    return page.held or not project.pupils_premoderated


def hold_pupil_page(user, project):
    """A pupil's new page waits for their teacher when the project's pupils are pre-moderated."""
    return is_pupil(user) and project.pupils_premoderated


def page_pupil(page):
    """The Pupil row of a page's author when a pupil wrote it, or None (free when the page was
    loaded with `author__pupil__pupil_class`)."""
    author = page.author if page.author_id else None
    if author is None or not author.is_pupil:
        return None
    try:
        return author.pupil
    except Pupil.DoesNotExist:
        return None


def can_approve_project_page(user, page):
    """Let a held pupil's page be seen by the other pupils: that pupil's own teacher (or staff)."""
    if not page.held or page.project.is_read_only:
        return False
    pupil = page_pupil(page)
    return pupil is not None and can_decide_pupil_post(user, pupil)


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
    return project is not None and can_enter_workspace(user, project)


def can_post_in_project_room(user, room):
    project = _project_of_room(room)
    if project is None or project.is_read_only:
        return False
    if is_pupil(user):
        return is_pupil_in(user, project)
    return is_member(user, project) and can_contribute(user)


def can_review_project_room(user, room):
    """A project's teachers (and staff) see its pupils' posts before they are approved."""
    project = _project_of_room(room)
    return project is not None and can_view_workspace(user, project)


def project_room_reviewer_ids(room):
    return set(
        Partnership.objects.filter(
            project_id=room.owner_id, status=Partnership.Status.ACCEPTED
        ).values_list("user_id", flat=True)
    )


def hold_pupil_post(user, room):
    """A pupil's post in a pre-moderated project waits for their teacher (a hold reason)."""
    if not is_pupil(user):
        return None
    project = _project_of_room(room)
    if project is None or not project.pupils_premoderated:
        return None
    return "pupil"


# --- the access layer: fetch and check in one call ------------------------------------------
#
# Each raises community.errors.ActionError: `not_found` when the thing is missing or the user may
# not know of it (a private workspace answers exactly like a missing project), `forbidden` when
# they see it but may not do `need`. Views turn these into 404 and 403 (community.errors.http_errors).

PROJECT_NEEDS = {
    # need: (who knows of the project for it, who may do it)
    "view": (can_view_project, None),
    "showcase": (lambda user, project: project.published_at is not None, None),
    "workspace": (can_view_workspace, None),
    "enter": (can_enter_workspace, None),
    "edit": (can_view_workspace, can_edit_project),
}


def access_project(user, project_ref, *, need="view", lock=False):
    """The project `project_ref` (an id, or a Project already loaded), if `user` may know of it
    and do `need`: "view" its idea page, "showcase" (published), "workspace" (members and staff),
    "enter" the room, pages and files (its pupils too), "edit" its details. `lock` re-reads the
    row under a lock."""
    missing = ActionError(
        "not_found", _("This project does not exist or is private."), ref=project_ref
    )
    if isinstance(project_ref, Project) and not lock:
        project = project_ref
    else:
        pk = project_ref.pk if isinstance(project_ref, Project) else as_id(project_ref)
        if pk is None:
            raise missing
        rows = Project.objects.select_related("founder__profile", "room").filter(pk=pk)
        if lock:
            rows = rows.select_for_update(of=("self",))
        project = rows.first()
    knows, may = PROJECT_NEEDS[need]
    if project is None or not knows(user, project):
        raise missing
    if may is not None and not may(user, project):
        raise ActionError("forbidden", _("You may not do this."), ref=project.pk)
    return project


def access_project_page(user, page_ref):
    """A page of a workspace, with its project, for those who enter the workspace and may see
    the page (another pupil's held page does not exist for a pupil)."""
    missing = ActionError("not_found", _("This page does not exist or is private."), ref=page_ref)
    pk = as_id(page_ref)
    page = (
        ProjectPage.objects.select_related("project", "author__pupil__pupil_class")
        .filter(pk=pk)
        .first()
        if pk is not None
        else None
    )
    if page is None:
        raise missing
    page.project = access_project(user, page.project_id, need="enter")
    if not can_see_project_page(user, page):
        raise missing
    return page


def access_project_file(user, file_ref):
    """A workspace file for members and staff; for a pupil the project's files and its pages'
    images (not a journal's, nor a held page's they may not see); for everyone a journal image
    of a showcased entry or an image of a published page of a published project."""
    missing = ActionError("not_found", _("This file does not exist or is private."), ref=file_ref)
    pk = as_id(file_ref)
    item = (
        ProjectFile.objects.select_related("project", "entry", "page").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if item is None:
        raise missing
    if can_view_workspace(user, item.project):
        return item
    if is_pupil(user):
        # the project's files and pages' images; a journal's images are the teachers' own, and a
        # held page's images are its author's and the teachers' until it is approved
        if (
            is_pupil_in(user, item.project)
            and item.entry_id is None
            and (item.page is None or can_see_project_page(user, item.page))
        ):
            return item
        raise missing
    showcased = item.project.published_at is not None and (
        (item.entry is not None and item.entry.on_showcase)
        or (item.page is not None and item.page.published_at is not None)
    )
    if not showcased:
        raise missing
    return item
