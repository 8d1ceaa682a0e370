"""The shared image validator (community.images) and how its callers report its refusals."""

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from community import images
from community.errors import ActionError
from tests.support.photos import GIVEAWAYS, XMP, assert_forgotten, located_photo

MB = 1_048_576
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def picture(fmt="PNG", size=(40, 30), mode="RGB", **options):
    color = (200, 30, 30, 128) if mode == "RGBA" else (200, 30, 30)
    return encode(Image.new(mode, size, color), fmt, **options)


def noisy(fmt, size=(300, 300)):
    return encode(Image.effect_noise(size, 80).convert("RGB"), fmt)


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def verify(file, **limits):
    limits = {"max_bytes": MB, "max_pixels": 1_000_000, "formats": {"JPEG", "PNG"}, **limits}
    return images.verify_image(file, **limits)


def refusal(file, **limits):
    with pytest.raises(images.ImageRejected) as caught:
        verify(file, **limits)
    return caught.value


def test_a_real_png_passes_with_its_format_size_and_bytes():
    data = picture("PNG", size=(40, 30))
    file = upload("board.png", data, "image/png")
    image = verify(file)
    assert (image.format, image.width, image.height) == ("PNG", 40, 30)
    assert image.data == data and image.content_type == "image/png"
    assert file.tell() == 0  # left ready to be stored as it is


def test_a_jpeg_webp_and_gif_pass_when_allowed():
    for fmt in ("JPEG", "WEBP", "GIF"):
        image = verify(upload(f"a.{fmt.lower()}", picture(fmt)), formats={fmt})
        assert image.format == fmt and (image.width, image.height) == (40, 30)


def test_text_is_refused_as_not_an_image():
    error = refusal(upload("notes.png", b"this is not an image at all, just text" * 10))
    assert error.code == images.NOT_IMAGE
    assert error.text == "This file is not a readable image."


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("drawing.svg", SVG),
        ("drawing.svgz", zlib.compress(SVG)),
        ("fake.png", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
        ("fake.png", b"\n  <svg></svg>"),
        ("bom.png", b"\xef\xbb\xbf<svg xmlns='http://www.w3.org/2000/svg'></svg>"),
    ],
)
def test_svg_is_refused(name, data):
    error = refusal(upload(name, data, "image/svg+xml"))
    assert error.code == images.SVG
    assert "not a readable image" in error.text


def test_a_truncated_png_is_refused():
    data = noisy("PNG")
    for cut in (len(data) // 2, len(data) - 20, 60):
        assert refusal(upload("cut.png", data[:cut])).code == images.NOT_IMAGE


def test_a_truncated_jpeg_is_refused_even_though_its_header_is_intact():
    data = noisy("JPEG")
    with Image.open(io.BytesIO(data[: len(data) * 2 // 3])) as probe:
        assert probe.size == (300, 300)  # the header alone looks fine
    assert refusal(upload("cut.jpg", data[: len(data) * 2 // 3])).code == images.NOT_IMAGE


def test_a_png_with_a_corrupt_chunk_is_refused():
    data = bytearray(noisy("PNG"))
    start = data.index(b"IDAT") + 40
    data[start : start + 8] = bytes(8)
    assert refusal(upload("broken.png", bytes(data))).code == images.NOT_IMAGE


def test_an_oversize_file_is_refused_before_it_is_read():
    data = noisy("PNG")
    file = upload("big.png", data)
    error = refusal(file, max_bytes=10_000)
    assert error.code == images.TOO_LARGE
    assert error.params["limit"] == "0" and float(error.params["size"]) > 0
    assert "too large" in error.text and file.tell() == 0


def test_a_file_longer_than_it_claims_is_refused():
    file = upload("big.png", noisy("PNG"))
    file.size = 100
    assert refusal(file, max_bytes=10_000).code == images.TOO_LARGE


def test_too_many_pixels_is_refused():
    error = refusal(upload("wide.png", picture("PNG", size=(20, 20))), max_pixels=399)
    assert error.code == images.PIXELS
    assert error.text == "The image has too many pixels."
    assert verify(upload("wide.png", picture("PNG", size=(20, 20))), max_pixels=400)


def test_a_small_file_with_a_huge_canvas_is_refused_without_decoding_it():
    data = encode(Image.new("1", (8000, 6000)), "PNG")  # 48 million pixels in a few kilobytes
    assert len(data) < 100_000
    assert refusal(upload("bomb.png", data), max_pixels=40_000_000).code == images.PIXELS


def test_pillows_decompression_bomb_guard_is_a_refusal(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)  # errors above twice this
    error = refusal(upload("bomb.png", picture("PNG", size=(20, 20))), max_pixels=10**9)
    assert error.code == images.PIXELS


def test_a_format_outside_the_allowed_list_is_refused():
    for fmt in ("GIF", "BMP", "TIFF"):
        error = refusal(upload(f"a.{fmt.lower()}", picture(fmt)), formats={"JPEG", "PNG"})
        assert error.code == images.FORMAT


def test_the_caller_may_give_its_own_wording_and_placeholders():
    error = refusal(
        upload("100% big.png", noisy("PNG")),
        max_bytes=10_000,
        messages={images.TOO_LARGE: "“%(name)s” is larger than %(limit)s MB (%(size)s MB)."},
        params={"name": "100% big.png"},
    )
    assert error.text.startswith("“100% big.png” is larger than 0 MB (")
    assert str(error) == error.text


def test_default_messages_are_translated():
    error = refusal(upload("wide.png", picture("PNG", size=(20, 20))), max_pixels=10)
    with translation.override("ru"):
        assert error.text == "В изображении слишком много пикселей."


def test_resized_keeps_transparency_in_png_and_drops_it_in_jpeg():
    image = verify(upload("a.png", picture("PNG", size=(300, 200), mode="RGBA")))
    small = image.resized(size=(100, 100), name="small.png")
    assert small.name == "small.png"
    with Image.open(small) as result:
        assert (result.format, result.mode, result.size) == ("PNG", "RGBA", (100, 67))
    banner = image.resized(size=(120, 40), crop=True, format="JPEG", name="banner.jpg")
    with Image.open(banner) as result:
        assert (result.format, result.mode, result.size) == ("JPEG", "RGB", (120, 40))
    assert (image.width, image.height, image.image.size) == (300, 200, (300, 200))


def test_resized_turns_photos_upright_and_drops_exif():
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° to display
    exif[0x010F] = "SecretCam"
    data = picture("JPEG", size=(300, 200), exif=exif.tobytes())
    image = verify(upload("photo.jpg", data))
    with Image.open(image.resized(size=(1000, 1000), name="p.jpg")) as result:
        assert result.size == (200, 300)
        assert not result.getexif()


def test_gifs_are_re_encoded_as_png_by_default():
    image = verify(upload("a.gif", picture("GIF")), formats={"GIF"})
    with Image.open(image.resized(size=(10, 10), name="a.png")) as result:
        assert result.format == "PNG" and max(result.size) == 10


def test_resized_writes_back_no_gps_xmp_or_comment():
    image = verify(upload("photo.jpg", located_photo("JPEG")))
    small = image.resized(size=(100, 100), name="p.jpg")
    assert_forgotten(small.read(), fmt="JPEG", size=(67, 100))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_without_metadata_keeps_the_format_and_the_full_size_upright(fmt):
    image = verify(upload("photo", located_photo(fmt)), formats={fmt})
    file = image.without_metadata(stem="photo")
    assert file.name == f"photo.{images.EXTENSIONS[fmt]}"
    assert_forgotten(file.read(), fmt=fmt, size=(200, 300))
    assert image.image.getexif().get_ifd(0x8825)  # the verified picture itself is left alone


def _gif_sub_blocks(data):
    return b"".join(
        bytes([len(data[i : i + 255])]) + data[i : i + 255] for i in range(0, len(data), 255)
    )


def gif_with_metadata():
    """Three frames looping, with a comment, an XMP block and bytes after the end of the GIF."""
    colors = [(255, 0, 0), (0, 255, 0), (0, 0, 255)]
    frames = [Image.new("RGB", (20, 10), color) for color in colors]
    data = encode(
        frames[0],
        "GIF",
        save_all=True,
        append_images=frames[1:],
        loop=0,
        duration=100,
        comment=b"Kish school yard",
    )
    start = 13 + (3 << ((data[10] & 0x07) + 1) if data[10] & 0x80 else 0)
    xmp = b"\x21\xff\x0bXMP DataXMP" + _gif_sub_blocks(XMP) + b"\x00"
    return data[:start] + xmp + data[start:] + b"Kish school yard", colors


def test_a_gif_keeps_its_frames_and_loses_its_comment_xmp_and_trailing_bytes():
    data, colors = gif_with_metadata()
    assert b"xmpmeta" in data
    with Image.open(io.BytesIO(data)) as original:
        assert original.info["comment"] == b"Kish school yard"
    image = verify(upload("wave.gif", data), formats={"GIF"})
    file = image.without_metadata(stem="wave")
    stored = file.read()
    assert file.name == "wave.gif"
    for giveaway in GIVEAWAYS:
        assert giveaway not in stored
    with Image.open(io.BytesIO(stored)) as result:
        assert result.format == "GIF" and result.n_frames == 3
        assert result.info["loop"] == 0 and "comment" not in result.info
        shown = []
        for frame in range(3):
            result.seek(frame)
            shown.append(result.convert("RGB").getpixel((5, 5)))
    assert shown == colors


def test_a_gif_without_metadata_is_stored_byte_for_byte():
    data = picture("GIF")
    image = verify(upload("a.gif", data), formats={"GIF"})
    assert image.without_metadata(stem="a").read() == data


def test_a_gif_whose_blocks_cannot_be_walked_becomes_a_png_of_its_first_frame():
    data = picture("GIF")[:-1] + b"\x99Kish school yard"  # no trailer: an unknown block instead
    image = verify(upload("odd.gif", data), formats={"GIF"})
    file = image.without_metadata(stem="odd")
    assert file.name == "odd.png"
    stored = file.read()
    assert b"Kish" not in stored
    with Image.open(io.BytesIO(stored)) as result:
        assert (result.format, result.size) == ("PNG", (40, 30))


# --- the callers keep their own messages and error types ------------------------------------


def test_message_attachments_report_an_action_error(settings):
    from community.discussions.attachments import prepare_upload

    with pytest.raises(ActionError) as caught:
        prepare_upload(upload("fake.png", SVG))
    assert caught.value.code == "invalid"
    assert caught.value.detail == "“fake.png” is not a readable image."
    settings.DISCUSSIONS_ATTACHMENT_IMAGE_MAX_BYTES = 1000
    with pytest.raises(ActionError) as caught:
        prepare_upload(upload("100%.png", noisy("PNG")))
    assert caught.value.code == "too_long"
    assert caught.value.detail == "“100%.png” is larger than 0 MB."
    prepared = prepare_upload(upload("tiny.gif", picture("GIF")))
    assert prepared.kind == "image" and prepared.content_type == "image/png"
    assert prepared.file.name.endswith("-tiny.png") and prepared.size == prepared.file.size


def test_cover_field_reports_validation_errors_with_its_codes(settings):
    from django import forms

    from community.discussions.forms import CoverField

    field = CoverField(required=False)
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(upload("evil.svg", SVG))
    assert caught.value.code == "invalid_image"
    assert caught.value.messages == ["Upload a JPEG, PNG or WebP image."]
    settings.AVATAR_MAX_PIXELS = 10
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(upload("wide.png", picture("PNG")))
    assert caught.value.code == "too_large"
    assert caught.value.messages == ["The image has too many pixels."]
    settings.AVATAR_MAX_PIXELS = 10**6
    cover = field.clean(upload("wide.png", picture("PNG", size=(600, 600))))
    with Image.open(cover) as result:
        assert result.size == tuple(settings.COMMUNITY_COVER_SIZE) and result.format == "JPEG"


def test_avatar_field_reports_validation_errors_with_its_codes(settings):
    from django import forms

    from community.forms import AvatarField

    field = AvatarField(required=False)
    settings.AVATAR_MAX_BYTES = 1000
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(upload("big.png", noisy("PNG")))
    assert caught.value.code == "too_large"
    assert caught.value.messages[0].startswith("The photo is too large (")
    settings.AVATAR_MAX_BYTES = MB
    with pytest.raises(forms.ValidationError) as caught:
        field.clean(upload("me.gif", picture("GIF")))
    assert caught.value.code == "format"
    data = picture("WEBP")
    assert field.clean(upload("me.webp", data)).image_bytes == data


def test_project_files_report_an_action_error():
    from projects.services.workspace import _check_image

    with pytest.raises(ActionError) as caught:
        _check_image(upload("trees.png", b"not an image"))
    assert (caught.value.code, caught.value.detail) == (
        "invalid",
        "This file is not a readable image.",
    )
    with pytest.raises(ActionError) as caught:
        _check_image(upload("trees.png", picture("BMP")))
    assert caught.value.code == "invalid" and "not accepted" in caught.value.detail
    with pytest.raises(ActionError) as caught:
        _check_image(upload("trees.png", b"\x89PNG" + bytes(6 * MB)))
    assert (caught.value.code, caught.value.detail) == ("too_long", "Images can be at most 5 MB.")
    file = upload("trees.png", picture("GIF"))
    _check_image(file)
    assert file.tell() == 0
