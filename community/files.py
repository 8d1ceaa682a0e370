"""Serving files that belong to people and places (attachments, workspace files, covers, photos).

They are never served from MEDIA_URL: a permission-checked view fetches the
row, asks its app's `get_*_for(user, id)` (or `can_view_*`), and hands the
stored file to `stored_file_response`. Their storage folders are listed in
PROTECTED_MEDIA, which the development media route and the deployment's proxy
(README, deployment step 5) leave alone; covers are stored under unguessable
names (`UnguessableName`), so an old link says nothing about the next cover.
"""

import os
import posixpath
import secrets

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.views.static import serve

# Folders of MEDIA_ROOT served only through permission-checked views.
PROTECTED_MEDIA = (
    "documents/",  # Wagtail documents (restricted pages, collections)
    "attachments/",  # room attachments
    "projects/files/",  # workspace files and journal images
    "covers/",  # community and project covers
    "avatars/",  # teachers' photos (a closed account's profile, and photo, are 404)
    "projects/covers/",  # covers stored before they moved under covers/
    "community-covers/",  # idem
)


def is_protected_media(path):
    """True for a MEDIA_ROOT path (as requested, before any normalisation) in a protected folder."""
    normalized = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    return normalized.lower().startswith(PROTECTED_MEDIA)


def public_media(request, path):
    """The development media route: everything in MEDIA_ROOT except PROTECTED_MEDIA."""
    if is_protected_media(path):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


@deconstructible
class UnguessableName:
    """upload_to: `<folder>/<random token><extension>`; the uploaded name is not kept."""

    def __init__(self, folder):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename):
        extension = os.path.splitext(filename)[1].lower()[:8]
        return f"{self.folder}/{secrets.token_urlsafe(18)}{extension}"

    def __eq__(self, other):
        return isinstance(other, UnguessableName) and other.folder == self.folder


def stored_file_response(field_file, *, filename, inline, public=False):
    """Stream a stored file; images may show inline, everything else downloads.

    `public` for what everybody may see anyway (a published project's cover):
    shared caches may keep it. Everything else is cached by the browser only.
    """
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=not inline, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600" if public else "private, max-age=3600"
    return response


def serve_image(field_file, *, name, public):
    """An image field's file for a view that already checked who may see it; 404 for a stale `name`.

    `name` is the stored file's base name, part of the image's URL: a new image
    gets a new URL, so caches never show the old one.
    """
    if not field_file or os.path.basename(field_file.name) != name:
        raise Http404
    return stored_file_response(field_file, filename=name, inline=True, public=public)
