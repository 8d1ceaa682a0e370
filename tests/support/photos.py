"""Photos that give away where they were taken, for the tests that check uploads forget it.

`located_photo()` is stored sideways (EXIF orientation 6: turn it a quarter to
the right to show it) with a GPS position, a camera name, XMP and a comment;
its left half is red and its right half blue, so shown upright it is red on
top and blue below. `assert_forgotten()` checks a stored file kept none of it.
"""

import io

from PIL import Image, PngImagePlugin

RED, BLUE = (220, 20, 20), (20, 20, 220)
GPS_POSITION = {1: "N", 2: (40.0, 22.0, 30.0), 3: "E", 4: (49.0, 52.0, 0.0)}
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
    b' xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="40,22.5N"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
# Bytes that only the metadata carries.
GIVEAWAYS = (b"SecretCam", b"xmpmeta", b"Kish school yard", b"Exif\x00\x00")


def located_photo(fmt="JPEG", size=(300, 200)):
    """The bytes of a sideways photo in `fmt` (JPEG, PNG or WEBP) carrying its position."""
    width, height = size
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn a quarter to the right to show
    exif[0x010F] = "SecretCam"  # camera make
    exif.get_ifd(0x8825).update(GPS_POSITION)  # GPSInfo
    options = {"exif": exif.tobytes()}
    if fmt == "JPEG":
        options.update(xmp=XMP, comment=b"Kish school yard", quality=95)
    elif fmt == "WEBP":
        options.update(xmp=XMP, quality=95)
    elif fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", "Kish school yard")
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        options["pnginfo"] = info
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    data = buffer.getvalue()
    with Image.open(io.BytesIO(data)) as check:  # the photo does give itself away
        assert check.getexif().get_ifd(0x8825) == GPS_POSITION
    return data


def _close(color, expected):
    return all(abs(a - b) < 40 for a, b in zip(color, expected, strict=True))


def assert_forgotten(data, *, fmt, size):
    """`data` is a `fmt` image of `size`, upright (red on top), with no EXIF, GPS, XMP or comment."""
    for giveaway in GIVEAWAYS:
        assert giveaway not in data, giveaway
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == (fmt, size)
        exif = image.getexif()
        assert not exif and not exif.get_ifd(0x8825)
        assert not {"exif", "xmp", "comment", "Comment", "XML:com.adobe.xmp"} & set(image.info)
        rgb = image.convert("RGB")
        width, height = rgb.size
        assert _close(rgb.getpixel((width // 2, 2)), RED)
        assert _close(rgb.getpixel((width // 2, height - 3)), BLUE)
