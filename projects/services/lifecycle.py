"""Project lifecycle: create, edit, open for partners, activate, complete, archive, publish."""

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from community.discussions.models import Room
from community.text import clean_name, render_markup

from .. import permissions
from ..models import Partnership, Project
from ._common import accepted, lock_project, notify_members, project_url, refuse, school_of
from .pupils import pupils_access_changed, pupils_erase_for_project
from .workspace import prepare_image

EDITABLE_FIELDS = (
    "title",
    "summary",
    "description",
    "age_min",
    "age_max",
    "curriculum_topics",
    "start_date",
    "end_date",
    "cover",
    "outcomes",
    "final_report",
)


def _validate(values):
    if not (values.get("title") or "").strip():
        refuse("invalid", _("A project needs a title."))
    if not (values.get("summary") or "").strip():
        refuse("invalid", _("A project needs a summary."))
    start, end = values.get("start_date"), values.get("end_date")
    if start is None or end is None:
        refuse("invalid", _("A project needs a start and an end date."))
    if end < start:
        refuse("invalid", _("The end date cannot be before the start date."))
    age_min, age_max = values.get("age_min"), values.get("age_max")
    if age_min is None or age_max is None:
        refuse("invalid", _("Give the pupils' age range."))
    if not (3 <= age_min <= 25 and 3 <= age_max <= 25):
        refuse("invalid", _("Pupils' ages must be between 3 and 25."))
    if age_max < age_min:
        refuse("invalid", _("The oldest age cannot be below the youngest age."))


def _prepare_cover(cover):
    """A new cover checked and stored without metadata, like journal images; a stored one as it is."""
    if not cover or isinstance(cover, FieldFile):
        return cover
    return prepare_image(
        cover, stem="cover", not_accepted=_("The cover must be a JPEG, PNG, GIF or WebP image.")
    )


def _render(project):
    project.description_html = render_markup(project.description)
    project.final_report_html = render_markup(project.final_report)
    project.outcomes_html = render_markup(project.outcomes)


def project_create(
    *,
    founder,
    title,
    summary,
    start_date,
    end_date,
    age_min,
    age_max,
    description="",
    curriculum_topics="",
    subjects=(),
    languages=(),
    cover=None,
    seeking_partners=False,
):
    """Found a project: the founder's partnership, the project's discussion room."""
    if not permissions.can_create_project(founder):
        refuse("forbidden", _("Only verified teachers can create projects."))
    values = {
        "title": title,
        "summary": summary,
        "start_date": start_date,
        "end_date": end_date,
        "age_min": age_min,
        "age_max": age_max,
    }
    _validate(values)
    cover = _prepare_cover(cover)
    with transaction.atomic():
        project = Project(
            title=clean_name(title),
            summary=summary.strip(),
            description=description,
            curriculum_topics=curriculum_topics,
            start_date=start_date,
            end_date=end_date,
            age_min=age_min,
            age_max=age_max,
            founder=founder,
            status=Project.Status.SEEKING if seeking_partners else Project.Status.DRAFT,
        )
        if cover:
            project.cover = cover
        _render(project)
        project.save()
        project.subjects.set(subjects)
        project.languages.set(languages)
        project.room = Room.objects.create(
            kind=Room.Kind.PROJECT, owner_id=project.pk, title=project.title[:120]
        )
        project.save(update_fields=["room"])
        Partnership.objects.create(
            project=project,
            user=founder,
            school=school_of(founder),
            role=Partnership.Role.FOUNDER,
            status=Partnership.Status.ACCEPTED,
            responded_at=timezone.now(),
        )
    return project


def project_update(*, actor, project, subjects=None, languages=None, **changes):
    if not permissions.can_edit_project(actor, project):
        refuse("forbidden", _("You cannot edit this project."))
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        refuse("invalid", _("Unknown field."))
    values = {field: getattr(project, field) for field in EDITABLE_FIELDS}
    values.update(changes)
    _validate(values)
    if "cover" in changes:
        changes["cover"] = _prepare_cover(changes["cover"])
    with transaction.atomic():
        project = lock_project(project)
        for field, value in changes.items():
            setattr(project, field, value)
        if "title" in changes:
            project.title = clean_name(project.title)
        _render(project)
        project.save()
        if subjects is not None:
            project.subjects.set(subjects)
        if languages is not None:
            project.languages.set(languages)
        if project.room_id and "title" in changes:
            type(project.room).objects.filter(pk=project.room_id).update(title=project.title[:120])
    return project


def activate_if_partnered(project):
    """Seeking/draft → active once teachers of at least two different schools take part. Inside a transaction."""
    if project.status not in (Project.Status.DRAFT, Project.Status.SEEKING):
        return False
    schools = accepted(project).exclude(school=None).values("school_id").distinct().count()
    if schools >= 2:
        project.status = Project.Status.ACTIVE
        project.save(update_fields=["status", "updated_at"])
        notify_members(
            project,
            kind="project.active",
            title=gettext_noop("“%(title)s” is now active: two schools are taking part."),
            params={"title": project.title},
            url=project_url(project),
        )
        return True
    return False


def project_open_for_partners(*, actor, project):
    if not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can do this."))
    with transaction.atomic():
        project = lock_project(project)
        if project.status != Project.Status.DRAFT:
            refuse("conflict", _("Only a draft can be opened to partners."))
        project.status = Project.Status.SEEKING
        project.save(update_fields=["status", "updated_at"])
        activate_if_partnered(project)
    return project


def project_complete(*, actor, project, final_report=None):
    if not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can do this."))
    with transaction.atomic():
        project = lock_project(project)
        if project.status != Project.Status.ACTIVE:
            refuse("conflict", _("Only an active project can be completed."))
        if final_report is not None:
            project.final_report = final_report
        if not project.final_report.strip():
            refuse("invalid", _("Write the final report before completing the project."))
        project.final_report_html = render_markup(project.final_report)
        project.status = Project.Status.COMPLETED
        project.completed_at = timezone.now()
        project.save()
        pupils_access_changed(project)  # a closed project's pupils lose the workspace at once
        notify_members(
            project,
            kind="project.completed",
            title=gettext_noop("“%(title)s” is completed."),
            params={"title": project.title},
            url=project_url(project),
            actor=actor,
        )
    return project


def project_archive(*, actor, project):
    """Archived projects are read-only, their room too; their pupils and what the pupils wrote
    are erased (a teacher exports them first, on the project's Pupils page)."""
    if not permissions.can_archive_project(actor, project):
        refuse("forbidden", _("You cannot archive this project."))
    with transaction.atomic():
        project = lock_project(project)
        project.status = Project.Status.ARCHIVED
        project.archived_at = timezone.now()
        project.save(update_fields=["status", "archived_at", "updated_at"])
        pupils_erase_for_project(project)
        if project.room_id:
            type(project.room).objects.filter(pk=project.room_id).update(is_locked=True)
    return project


def project_publish(*, actor, project, outcomes=None):
    if not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can do this."))
    with transaction.atomic():
        project = lock_project(project)
        if project.status not in (Project.Status.COMPLETED, Project.Status.ARCHIVED):
            refuse("conflict", _("Only a completed project can be published on the showcase."))
        if outcomes is not None:
            project.outcomes = outcomes
            project.outcomes_html = render_markup(outcomes)
        project.published_at = project.published_at or timezone.now()
        project.save()
    return project


def project_unpublish(*, actor, project):
    if not permissions.can_manage_project(actor, project):
        refuse("forbidden", _("Only the project's founder and partners can do this."))
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(published_at=None)
    project.published_at = None
    return project
