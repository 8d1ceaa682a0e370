"""Project pages: written by the project's teachers (and its pupils, when the project allows it),
public once a teacher publishes them on a public project."""

import os

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.text import clean_name, render_markup

from .. import permissions
from ..models import ProjectPage, ProjectPageRevision
from ._common import refuse


def _check_editor(actor, project):
    """Add a page."""
    if project.is_read_only:
        refuse("locked", _("This project is archived and read-only."))
    if not permissions.can_edit_project_pages(actor, project):
        refuse("forbidden", _("Only the project's members can do this."))


def _check_manager(actor, project):
    """Publish, unpublish or reorder pages: a teacher's act."""
    if project.is_read_only:
        refuse("locked", _("This project is archived and read-only."))
    if not permissions.can_manage_project_pages(actor, project):
        refuse("forbidden", _("Only the project's teachers can do this."))


def _check_page_editor(actor, page):
    """Change or delete this page."""
    if page.project.is_read_only:
        refuse("locked", _("This project is archived and read-only."))
    if not permissions.can_edit_project_page(actor, page):
        if page.author_id == actor.pk and not page.held:
            refuse("approved", _("Your teacher approved this page: ask them to change it."))
        refuse("forbidden", _("Only the project's members can do this."))


def _clean_title(title):
    title = clean_name(title)
    if not title:
        refuse("invalid", _("A page needs a title."))
    if len(title) > 200:
        refuse("too_long", _("A page title can be at most 200 characters."))
    return title


def _prepared_images(images):
    """Every image checked (same limits as journal images) before any row is written."""
    from .workspace import IMAGE_EXTENSIONS, ProjectFile, prepare_image

    prepared = []
    for upload in images or []:
        name = upload.name or ""
        ext = os.path.splitext(name)[1].lower().lstrip(".")
        if ext not in IMAGE_EXTENSIONS:
            refuse("invalid", _("Only images (JPEG, PNG, GIF or WebP) can be added to a page."))
        stem = os.path.splitext(os.path.basename(name))[0] or "image"
        prepared.append((upload, (ProjectFile.Kind.IMAGE, prepare_image(upload, stem=stem))))
    return prepared


def _attach(actor, page, prepared):
    from .workspace import _save_file

    for upload, item in prepared:
        file = _save_file(actor=actor, project=page.project, upload=upload, prepared=item)
        file.page = page
        file.save(update_fields=["page"])


def page_create(*, actor, project, title, body="", images=()):
    _check_editor(actor, project)
    title = _clean_title(title)
    prepared = _prepared_images(images)
    with transaction.atomic():
        last = project.pages.order_by("-position").values_list("position", flat=True).first()
        page = ProjectPage.objects.create(
            project=project,
            title=title,
            body=body or "",
            body_html=render_markup(body or ""),
            position=(last or 0) + 1,
            author=actor,
            held=permissions.hold_pupil_page(actor, project),
        )
        _attach(actor, page, prepared)
    return page


def page_edit(*, actor, page, title, body="", images=(), remove_image_ids=()):
    """Save a page's new title and text (the old ones kept as a revision), add `images` and
    take off the page's images whose ids are in `remove_image_ids`; all or nothing."""
    _check_page_editor(actor, page)
    title = _clean_title(title)
    prepared = _prepared_images(images)
    remove = set()
    for value in remove_image_ids or ():
        try:
            remove.add(int(value))
        except (TypeError, ValueError):
            refuse("invalid", _("Choose images of this page to remove."))
    with transaction.atomic():
        if remove:
            page.images.filter(pk__in=remove).update(page=None)  # stays among the project's files
        _attach(actor, page, prepared)
        ProjectPageRevision.objects.create(
            page=page, editor=actor, previous_title=page.title, previous_body=page.body
        )
        page.title = title
        page.body = body or ""
        page.body_html = render_markup(body or "")
        page.updated_at = timezone.now()
        page.save(update_fields=["title", "body", "body_html", "updated_at"])
    return page


def page_set_published(*, actor, page, published):
    _check_manager(actor, page.project)
    if published and page.held:
        refuse("held", _("This pupil's page waits for their teacher's approval first."))
    page.published_at = timezone.now() if published else None
    page.save(update_fields=["published_at"])
    return page


def page_approve(*, actor, page):
    """A pupil's held page: their own teacher lets the project's other pupils see it."""
    with transaction.atomic():
        page = ProjectPage.objects.select_for_update().select_related("project").get(pk=page.pk)
        if not page.held:
            refuse("done", _("This page is already approved."))
        if not permissions.can_approve_project_page(actor, page):
            refuse("forbidden", _("Only the pupil's own teacher can approve this page."))
        page.held = False
        page.save(update_fields=["held"])
    return page


def page_delete(*, actor, page):
    _check_page_editor(actor, page)
    images = [image.file for image in page.images.all()]
    page.delete()
    for file in images:
        file.delete(save=False)


def page_reorder(*, actor, project, page_ids):
    """Put the project's pages in the order of `page_ids` (every page, once)."""
    _check_manager(actor, project)
    ids = [int(i) for i in page_ids]
    with transaction.atomic():
        existing = set(project.pages.values_list("id", flat=True))
        if len(ids) != len(set(ids)) or set(ids) != existing:
            refuse("invalid", _("The new order must list each of the project's pages once."))
        for position, page_id in enumerate(ids, start=1):
            ProjectPage.objects.filter(pk=page_id).update(position=position)
