"""The workspace: plan (milestones, tasks), journal of activities, shared files."""

import os

from django.db import transaction
from django.utils.translation import gettext as _

from community import images
from community.text import render_markup

from .. import permissions
from ..models import JournalEntry, Milestone, Partnership, ProjectFile, Task
from ._common import refuse

IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "gif", "webp"}
DOCUMENT_EXTENSIONS = {"pdf", "docx", "odt", "pptx", "odp", "xlsx", "ods", "txt", "csv"}
IMAGE_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # larger images are refused before their pixels are decoded
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def _check_worker(actor, project):
    if project.is_read_only:
        refuse("locked", _("This project is archived and read-only."))
    if not permissions.can_work_in_project(actor, project):
        refuse("forbidden", _("Only the project's members can do this."))


def milestone_create(*, actor, project, title, due_date):
    _check_worker(actor, project)
    if not (title or "").strip():
        refuse("invalid", _("A milestone needs a title."))
    if due_date is None:
        refuse("invalid", _("A milestone needs a date."))
    return Milestone.objects.create(project=project, title=title.strip(), due_date=due_date)


def task_create(*, actor, project, title, milestone=None, assignee=None, due_date=None):
    _check_worker(actor, project)
    if not (title or "").strip():
        refuse("invalid", _("A task needs a title."))
    if milestone is not None and milestone.project_id != project.pk:
        refuse("invalid", _("That milestone belongs to another project."))
    if assignee is not None and not permissions.is_member(assignee, project):
        refuse("invalid", _("Tasks can only be given to the project's members."))
    return Task.objects.create(
        project=project,
        title=title.strip(),
        milestone=milestone,
        assignee=assignee,
        due_date=due_date,
    )


def task_set_status(*, actor, task, status):
    _check_worker(actor, task.project)
    if status not in Task.Status.values:
        refuse("invalid", _("Unknown task status."))
    task.status = status
    task.save(update_fields=["status"])
    return task


def _file_kind(upload):
    name = upload.name or ""
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    if ext in IMAGE_EXTENSIONS:
        _check_image(upload)
        return ProjectFile.Kind.IMAGE
    if ext in DOCUMENT_EXTENSIONS:
        if upload.size > MAX_DOCUMENT_BYTES:
            refuse("too_long", _("Documents can be at most 20 MB."))
        return ProjectFile.Kind.DOCUMENT
    refuse("invalid", _not_accepted() % _accepted_types())


def _not_accepted():
    return _(
        "This type of file is not accepted. Upload an image (JPEG, PNG, GIF, WebP) or a document (%(types)s)."
    )


def _accepted_types():
    return {"types": ", ".join(sorted(DOCUMENT_EXTENSIONS)).upper()}


def _check_image(upload):
    """A real JPEG, PNG, GIF or WebP image of bounded size; the file is stored as uploaded."""
    not_image = _("This file is not a readable image.")
    try:
        images.verify_image(
            upload,
            max_bytes=MAX_IMAGE_BYTES,
            max_pixels=MAX_IMAGE_PIXELS,
            formats=IMAGE_FORMATS,
            messages={
                images.TOO_LARGE: _("Images can be at most 5 MB."),
                images.SVG: not_image,
                images.NOT_IMAGE: not_image,
                images.FORMAT: _not_accepted(),
            },
            params=_accepted_types(),
        )
    except images.ImageRejected as error:
        code = "too_long" if error.code in (images.TOO_LARGE, images.PIXELS) else "invalid"
        refuse(code, error.text)


def _save_file(*, actor, project, upload, title="", entry=None):
    kind = _file_kind(upload)
    return ProjectFile.objects.create(
        project=project,
        entry=entry,
        uploaded_by=actor,
        file=upload,
        title=(title or os.path.basename(upload.name))[:200],
        kind=kind,
        size=upload.size,
    )


def journal_entry_create(
    *, actor, project, title, body, happened_on, school=None, files=(), on_showcase=False
):
    """Record an activity; `school` is the partner school that did it (one of the project's)."""
    _check_worker(actor, project)
    if not (title or "").strip():
        refuse("invalid", _("A journal entry needs a title."))
    if not (body or "").strip():
        refuse("invalid", _("Describe what you did."))
    if happened_on is None:
        refuse("invalid", _("Give the date of the activity."))
    if school is not None:
        school_ids = set(
            Partnership.objects.filter(
                project=project, status=Partnership.Status.ACCEPTED
            ).values_list("school_id", flat=True)
        )
        if school.pk not in school_ids:
            refuse("invalid", _("Choose one of the project's partner schools."))
    for upload in files:
        _file_kind(upload)  # validate everything before writing anything
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            project=project,
            author=actor,
            school=school,
            title=title.strip(),
            body=body,
            body_html=render_markup(body),
            happened_on=happened_on,
            on_showcase=on_showcase,
        )
        for upload in files:
            _save_file(actor=actor, project=project, upload=upload, entry=entry)
    return entry


def file_upload(*, actor, project, upload, title=""):
    _check_worker(actor, project)
    if upload is None:
        refuse("invalid", _("Choose a file to upload."))
    with transaction.atomic():
        return _save_file(actor=actor, project=project, upload=upload, title=title)
