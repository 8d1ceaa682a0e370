"""Checking uploaded images: one validator for avatars, covers, attachments and project files.

`verify_image(upload, max_bytes=..., max_pixels=..., formats=...)` reads the
upload once and either returns a `VerifiedImage` (format, width, height, the
bytes and the decoded picture) or raises `ImageRejected`. It refuses files
over `max_bytes`, SVG and other markup, anything Pillow cannot identify,
formats outside `formats`, images with more than `max_pixels` pixels (checked
from the header, before the pixels are decoded; Pillow's own decompression
bomb guard is refused the same way) and truncated or corrupt files (the
image is verified and fully decoded).

`ImageRejected` carries a stable `code`, a translatable `message` and its
`params`; each caller turns it into its own error (a form's ValidationError,
a service's ActionError) and may pass its own wording through `messages`
and extra placeholders through `params`.

`VerifiedImage.resized(...)` re-encodes the picture after turning it upright
and scaling or cropping it; nothing of the original's metadata is written
back (no EXIF, GPS positions included, no XMP, no comments).

`VerifiedImage.without_metadata(...)` keeps the picture at its full size and,
where it can be written, in its own format: JPEG, PNG and WebP are turned
upright and re-encoded as by `resized` (an animated PNG or WebP keeps only its
first frame). A GIF cannot hold EXIF and carries no orientation; its frames
are kept as they are (animations included) and only its comment and
application blocks (XMP lives there) and anything after its end are dropped,
except the block that makes an animation loop. A GIF whose blocks cannot be
walked becomes a PNG of its first frame.
"""

import io
import struct
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

# The codes of ImageRejected.
TOO_LARGE = "too_large"  # more bytes than max_bytes
SVG = "svg"  # SVG or other markup instead of a raster image
NOT_IMAGE = "not_image"  # not an image Pillow can read, or a truncated/corrupt one
FORMAT = "format"  # a readable image in a format that is not allowed
PIXELS = "pixels"  # more pixels than max_pixels, or a decompression bomb

DEFAULT_MESSAGES = {
    TOO_LARGE: _("The image is too large (%(size)s MB); the limit is %(limit)s MB."),
    SVG: _("This file is not a readable image."),
    NOT_IMAGE: _("This file is not a readable image."),
    FORMAT: _("This image format is not accepted."),
    PIXELS: _("The image has too many pixels."),
}

CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
WRITABLE_FORMATS = {"JPEG", "PNG", "WEBP"}
# What a re-encoded picture may keep from the original's `info`: pixel meaning, never metadata.
_KEPT_INFO = ("transparency",)

# What Pillow raises on files it cannot identify or that are broken part-way.
_BROKEN = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    IndexError,
    KeyError,
    TypeError,
    struct.error,
)


class ImageRejected(Exception):
    """An upload refused as an image: `code` says why, `message` % `params` tells the user."""

    def __init__(self, code, message, params=None):
        self.code = code
        self.message = message
        self.params = dict(params or {})
        super().__init__(code)

    @property
    def text(self):
        """The message with its placeholders filled in, in the active language."""
        return str(self.message) % self.params

    def __str__(self):
        return self.text


@dataclass(frozen=True)
class VerifiedImage:
    format: str  # Pillow's name: "JPEG", "PNG", "WEBP", "GIF", ...
    width: int
    height: int
    data: bytes = field(repr=False)
    image: Image.Image = field(repr=False, compare=False)  # decoded; never changed in place

    @property
    def content_type(self):
        return CONTENT_TYPES.get(self.format) or Image.MIME.get(self.format, "")

    def resized(self, *, size, name, crop=False, format=None, quality=85):
        """The picture upright, re-encoded as a ContentFile called `name`.

        `crop=False` scales it down to fit within `size` (never up); `crop=True`
        crops and scales it to exactly `size`. `format` is JPEG, PNG or WebP;
        by default the image's own, or PNG for anything that cannot be written.
        Transparency is kept in PNG and WebP; JPEG is always RGB.
        """
        out_format = format or (self.format if self.format in WRITABLE_FORMATS else "PNG")
        if out_format not in WRITABLE_FORMATS:
            raise ValueError(f"cannot write {out_format} images")
        image = ImageOps.exif_transpose(self.image)
        has_alpha = image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        )
        if out_format == "JPEG":
            mode = "RGB"
        elif image.mode in ("RGB", "RGBA", "L"):
            mode = image.mode
        else:
            mode = "RGBA" if has_alpha else "RGB"
        if image.mode != mode:
            image = image.convert(mode)
        if crop:
            image = ImageOps.fit(image, size)
        else:
            if image is self.image:
                image = image.copy()
            image.thumbnail(size)
        # Pillow writes some of `info` back (a JPEG's comment, for one): keep none of the metadata.
        image.info = {key: value for key, value in image.info.items() if key in _KEPT_INFO}
        buffer = io.BytesIO()
        options = {"quality": quality} if out_format in ("JPEG", "WEBP") else {}
        image.save(buffer, format=out_format, **options)
        return ContentFile(buffer.getvalue(), name=name)

    def without_metadata(self, *, stem, quality=90):
        """The picture at full size with no metadata, as a ContentFile called `stem` + extension.

        The extension says the format of what is stored (see the module's notes
        for GIF), so a file served by its name gets the right content type.
        """
        if self.format == "GIF":
            data = _gif_without_metadata(self.data)
            if data is not None:
                return ContentFile(data, name=f"{stem}.gif")
        out_format = self.format if self.format in WRITABLE_FORMATS else "PNG"
        side = max(self.width, self.height)  # fits either way round, so never scaled
        return self.resized(
            size=(side, side),
            format=out_format,
            quality=quality,
            name=f"{stem}.{EXTENSIONS[out_format]}",
        )


# GIF blocks kept by _gif_without_metadata: graphic control (frame timing and transparency) and
# plain text (drawn on the picture); application blocks only for the animation loop.
_GIF_DRAWING_EXTENSIONS = (0xF9, 0x01)
_GIF_LOOP_APPLICATIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def _gif_sub_blocks_end(data, pos):
    """Where the chain of data sub-blocks starting at `pos` ends (after its empty block)."""
    while True:
        size = data[pos]
        pos += 1 + size
        if size == 0:
            return pos


def _gif_without_metadata(data):
    """The GIF stream with its frames as they are and no metadata; None if it cannot be walked."""
    try:
        if data[:6] not in (b"GIF87a", b"GIF89a"):
            return None
        pos = 13  # header and logical screen descriptor
        if data[10] & 0x80:
            pos += 3 << ((data[10] & 0x07) + 1)  # global colour table
        out = bytearray(data[:pos])
        while True:
            kind = data[pos]
            if kind == 0x3B:  # trailer: whatever follows is dropped
                out.append(kind)
                return bytes(out)
            if kind == 0x21:  # extension
                label = data[pos + 1]
                end = _gif_sub_blocks_end(data, pos + 2)
                if label == 0xFF:
                    size = data[pos + 2]
                    keep = data[pos + 3 : pos + 3 + size] in _GIF_LOOP_APPLICATIONS
                else:
                    keep = label in _GIF_DRAWING_EXTENSIONS
                if keep:
                    out += data[pos:end]
                pos = end
            elif kind == 0x2C:  # image descriptor, local colour table, LZW data
                start = pos
                flags = data[pos + 9]
                pos += 10
                if flags & 0x80:
                    pos += 3 << ((flags & 0x07) + 1)
                pos = _gif_sub_blocks_end(data, pos + 1)  # after the LZW minimum code size
                if pos > len(data):
                    return None
                out += data[start:pos]
            else:
                return None
    except IndexError:
        return None


def _mb(value, digits):
    return f"{value / 1_048_576:.{digits}f}"


def verify_image(upload, *, max_bytes, max_pixels, formats, messages=None, params=None):
    """The upload as a VerifiedImage, or ImageRejected.

    `formats` are Pillow format names ("JPEG", "PNG", "WEBP", "GIF").
    `messages` replaces the default message of some codes; the messages may use
    %(size)s and %(limit)s (megabytes) and any placeholder given in `params`.
    The upload is read from the start and left at the start.
    """
    texts = {**DEFAULT_MESSAGES, **(messages or {})}
    values = {"limit": _mb(max_bytes, 0), **(params or {})}

    def refuse(code, **extra):
        return ImageRejected(code, texts[code], {**values, **extra})

    declared = getattr(upload, "size", None) or 0
    if declared > max_bytes:
        raise refuse(TOO_LARGE, size=_mb(declared, 1))
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    upload.seek(0)
    if len(data) > max_bytes:
        raise refuse(TOO_LARGE, size=_mb(max(declared, len(data)), 1))
    values["size"] = _mb(len(data), 1)

    head = data[:512]
    name = (getattr(upload, "name", "") or "").lower()
    if name.endswith((".svg", ".svgz")) or head.lstrip().startswith(b"<"):
        raise refuse(SVG)
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
            if kind not in formats:
                raise refuse(FORMAT)
            if width * height > max_pixels:
                raise refuse(PIXELS)
            probe.verify()  # checksums, where the format has them
        image = Image.open(io.BytesIO(data))
        image.load()  # every pixel decoded: a truncated file fails here
    except Image.DecompressionBombError:
        raise refuse(PIXELS) from None
    except _BROKEN:
        raise refuse(SVG if b"<svg" in head.lower() else NOT_IMAGE) from None
    return VerifiedImage(format=kind, width=width, height=height, data=data, image=image)
