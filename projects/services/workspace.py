"""The workspace: plan (milestones, tasks), journal of activities, shared files."""

import os

from django.db import transaction
from django.utils.translation import gettext as _

from community import images
from community.text import clean_name, render_markup

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
    return Milestone.objects.create(project=project, title=clean_name(title), due_date=due_date)


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
        title=clean_name(title),
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


def _prepare_file(upload):
    """(kind, file to store): documents as uploaded; images checked and stored without metadata.

    Pupils appear in these photos: an image is re-encoded at full size with
    no EXIF (GPS positions included), XMP or comments, turned upright, in its
    own format (see community.images for GIF), and named for what is stored.
    """
    name = upload.name or ""
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    if ext in IMAGE_EXTENSIONS:
        stem = os.path.splitext(os.path.basename(name))[0] or "image"
        return ProjectFile.Kind.IMAGE, prepare_image(upload, stem=stem)
    if ext in DOCUMENT_EXTENSIONS:
        if upload.size > MAX_DOCUMENT_BYTES:
            refuse("too_long", _("Documents can be at most 20 MB."))
        return ProjectFile.Kind.DOCUMENT, upload
    refuse("invalid", _not_accepted() % _accepted_types())


def _not_accepted():
    return _(
        "This type of file is not accepted. Upload an image (JPEG, PNG, GIF, WebP) or a document (%(types)s)."
    )


def _accepted_types():
    return {"types": ", ".join(sorted(DOCUMENT_EXTENSIONS)).upper()}


def prepare_image(upload, *, stem, not_accepted=None):
    """An uploaded image checked, then re-encoded without metadata as a file named `stem`.ext.

    Used for journal images, shared images and project covers; `not_accepted`
    replaces the message for a readable image in a format that is not allowed.
    """
    return _check_image(upload, not_accepted=not_accepted).without_metadata(stem=stem)


def _check_image(upload, *, not_accepted=None):
    """The upload as a VerifiedImage: a real JPEG, PNG, GIF or WebP image of bounded size."""
    not_image = _("This file is not a readable image.")
    try:
        return images.verify_image(
            upload,
            max_bytes=MAX_IMAGE_BYTES,
            max_pixels=MAX_IMAGE_PIXELS,
            formats=IMAGE_FORMATS,
            messages={
                images.TOO_LARGE: _("Images can be at most 5 MB."),
                images.SVG: not_image,
                images.NOT_IMAGE: not_image,
                images.FORMAT: not_accepted or _not_accepted(),
            },
            params=_accepted_types(),
        )
    except images.ImageRejected as error:
        code = "too_long" if error.code in (images.TOO_LARGE, images.PIXELS) else "invalid"
        refuse(code, error.text)


def _save_file(*, actor, project, upload, prepared, title="", entry=None):
    """Store a file from _prepare_file; its title defaults to the name it was uploaded with."""
    kind, file = prepared
    return ProjectFile.objects.create(
        project=project,
        entry=entry,
        uploaded_by=actor,
        file=file,
        title=(title or os.path.basename(upload.name))[:200],
        kind=kind,
        size=file.size,
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
    prepared = [_prepare_file(upload) for upload in files]  # all checked before anything is written
    with transaction.atomic():
        entry = JournalEntry.objects.create(
            project=project,
            author=actor,
            school=school,
            title=clean_name(title),
            body=body,
            body_html=render_markup(body),
            happened_on=happened_on,
            on_showcase=on_showcase,
        )
        for upload, ready in zip(files, prepared, strict=True):
            _save_file(actor=actor, project=project, upload=upload, prepared=ready, entry=entry)
    return entry


def file_upload(*, actor, project, upload, title=""):
    _check_worker(actor, project)
    if upload is None:
        refuse("invalid", _("Choose a file to upload."))
    prepared = _prepare_file(upload)
    with transaction.atomic():
        return _save_file(
            actor=actor, project=project, upload=upload, prepared=prepared, title=title
        )
