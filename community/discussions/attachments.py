"""Validating and preparing uploaded attachments before a message is posted.

Images (JPEG, PNG, WebP, GIF) are checked by community.images (refused when
too big, not a real image, truncated or with too many pixels), turned upright,
scaled down to DISCUSSIONS_ATTACHMENT_IMAGE_MAX_SIDE and re-encoded (which
drops EXIF, GPS positions included). Documents are accepted by extension
from DISCUSSIONS_ATTACHMENT_DOCUMENT_EXTENSIONS and size. Anything else is
refused with a clear message; nothing is stored until the message is posted.
"""

import mimetypes
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from community import images
from community.errors import ActionError

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "png"}
IMAGE_EXTENSIONS = {"jpg", "jpeg", "png", "webp", "gif"}
MAX_PIXELS = 40_000_000


@dataclass
class PreparedUpload:
    file: ContentFile
    kind: str
    name: str
    size: int
    content_type: str


def _mb(value):
    return f"{value / 1_048_576:.0f}"


def prepare_upload(upload):
    """An uploaded file → PreparedUpload, or ActionError("invalid", ...)."""
    original = os.path.basename(getattr(upload, "name", "") or "file")[:200]
    extension = original.rsplit(".", 1)[-1].lower() if "." in original else ""
    if extension in IMAGE_EXTENSIONS:
        return _prepare_image(upload, original)
    if extension not in settings.DISCUSSIONS_ATTACHMENT_DOCUMENT_EXTENSIONS:
        allowed = ", ".join(
            sorted(IMAGE_EXTENSIONS | set(settings.DISCUSSIONS_ATTACHMENT_DOCUMENT_EXTENSIONS))
        )
        raise ActionError(
            "invalid",
            _("“%(name)s” cannot be attached: allowed file types are %(types)s.")
            % {"name": original, "types": allowed},
        )
    limit = settings.DISCUSSIONS_ATTACHMENT_DOCUMENT_MAX_BYTES
    if upload.size > limit:
        raise ActionError(
            "too_long",
            _("“%(name)s” is larger than %(mb)s MB.") % {"name": original, "mb": _mb(limit)},
        )
    if upload.size == 0:
        raise ActionError("invalid", _("“%(name)s” is empty.") % {"name": original})
    data = upload.read()
    safe = get_valid_filename(original) or f"file.{extension}"
    content_type = mimetypes.guess_type(safe)[0] or "application/octet-stream"
    return PreparedUpload(
        file=ContentFile(data, name=f"{uuid.uuid4().hex[:12]}-{safe}"),
        kind="document",
        name=original,
        size=len(data),
        content_type=content_type,
    )


def _prepare_image(upload, original):
    limit = settings.DISCUSSIONS_ATTACHMENT_IMAGE_MAX_BYTES
    not_image = _("“%(name)s” is not a readable image.")
    try:
        image = images.verify_image(
            upload,
            max_bytes=limit,
            max_pixels=MAX_PIXELS,
            formats=IMAGE_FORMATS,
            messages={
                images.TOO_LARGE: _("“%(name)s” is larger than %(mb)s MB."),
                images.SVG: not_image,
                images.NOT_IMAGE: not_image,
                images.FORMAT: not_image,
                images.PIXELS: _("“%(name)s” has too many pixels."),
            },
            params={"name": original, "mb": _mb(limit)},
        )
    except images.ImageRejected as error:
        code = "too_long" if error.code in (images.TOO_LARGE, images.PIXELS) else "invalid"
        raise ActionError(code, error.text) from None
    side = settings.DISCUSSIONS_ATTACHMENT_IMAGE_MAX_SIDE
    out_format = "PNG" if image.format == "GIF" else image.format
    stem = get_valid_filename(original.rsplit(".", 1)[0])[:60] or "image"
    file = image.resized(
        size=(side, side),
        format=out_format,
        quality=85,
        name=f"{uuid.uuid4().hex[:12]}-{stem}.{IMAGE_FORMATS[image.format]}",
    )
    return PreparedUpload(
        file=file,
        kind="image",
        name=original,
        size=file.size,
        content_type=images.CONTENT_TYPES[out_format],
    )
