"""Validating and preparing uploaded attachments before a message is posted.

Images (JPEG, PNG, WebP, GIF) are decoded with Pillow, refused when too big,
scaled down to DISCUSSIONS_ATTACHMENT_IMAGE_MAX_SIDE and re-encoded (which
drops EXIF, GPS positions included). Documents are accepted by extension
from DISCUSSIONS_ATTACHMENT_DOCUMENT_EXTENSIONS and size. Anything else is
refused with a clear message; nothing is stored until the message is posted.
"""

import io
import mimetypes
import os
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from community.discussions.errors import ActionError

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
    from PIL import Image, UnidentifiedImageError

    limit = settings.DISCUSSIONS_ATTACHMENT_IMAGE_MAX_BYTES
    if upload.size > limit:
        raise ActionError(
            "too_long",
            _("“%(name)s” is larger than %(mb)s MB.") % {"name": original, "mb": _mb(limit)},
        )
    data = upload.read()
    not_image = ActionError(
        "invalid", _("“%(name)s” is not a readable image.") % {"name": original}
    )
    try:
        image = Image.open(io.BytesIO(data))
        kind = image.format
        width, height = image.size
        if kind not in IMAGE_FORMATS:
            raise not_image
        if width * height > MAX_PIXELS:
            raise ActionError("too_long", _("“%(name)s” has too many pixels.") % {"name": original})
        image.load()
    except ActionError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise not_image from None
    side = settings.DISCUSSIONS_ATTACHMENT_IMAGE_MAX_SIDE
    if kind == "GIF" or image.mode not in ("RGB", "RGBA", "L"):
        image = image.convert(
            "RGBA" if "transparency" in image.info or image.mode in ("RGBA", "P") else "RGB"
        )
    image.thumbnail((side, side))
    out_format = "PNG" if kind == "GIF" else kind
    if out_format == "JPEG" and image.mode != "RGB":
        image = image.convert("RGB")
    buffer = io.BytesIO()
    image.save(
        buffer, format=out_format, **({"quality": 85} if out_format in ("JPEG", "WEBP") else {})
    )
    extension = IMAGE_FORMATS[kind]
    stem = get_valid_filename(original.rsplit(".", 1)[0])[:60] or "image"
    content = buffer.getvalue()
    return PreparedUpload(
        file=ContentFile(content, name=f"{uuid.uuid4().hex[:12]}-{stem}.{extension}"),
        kind="image",
        name=original,
        size=len(content),
        content_type=Image.MIME.get(out_format, "image/png"),
    )
