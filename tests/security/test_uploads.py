"""Upload abuse, generated: every hostile payload at every place a person can upload a file.

Each cell is one payload (PAYLOADS) sent to one place (PLACES) through the real form, as a raw
multipart body (so that the file name reaches the server exactly as written: traversal, NUL).
The answer must be one of two:

- refused with a clear message on the form (its page shown again with the error), and nothing
  stored: no new row, no new file under MEDIA_ROOT;
- stored inside its own folder, and then served either as a download (`Content-Disposition:
  attachment`) or as an image that was re-encoded (no markup left in it), with a safe
  `Content-Type` (never HTML, never SVG) and `X-Content-Type-Options: nosniff`.

Never a 500. Cells already pinned by other tests are left out (PINNED_ELSEWHERE).
"""

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from PIL import Image

from community.discussions.models import Attachment, Community
from community.models import Profile
from projects.models import Project, ProjectFile
from tests.community import discussions_factories as df
from tests.community.discussions_factories import discussions_defaults  # noqa: F401
from tests.projects import factories as pf
from tests.support.photos import located_photo

pytestmark = pytest.mark.django_db

MB = 1_048_576
SCRIPT = b"<script>alert(document.domain)</script>"
HTML = b"<!doctype html><html><body>" + SCRIPT + b"</body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def _png(size=(64, 48), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size, 1 if mode == "1" else (30, 120, 200)).save(buffer, format="PNG")
    return buffer.getvalue()


def _gif_html_polyglot():
    """A valid GIF whose comment block is an HTML page: a browser sniffing it finds a script."""
    buffer = io.BytesIO()
    Image.new("P", (32, 32), 3).save(buffer, format="GIF", comment=HTML)
    return buffer.getvalue()


def _jpeg_html_polyglot():
    """A valid JPEG carrying an HTML page in its comment and after its end."""
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), (200, 30, 30)).save(buffer, format="JPEG", comment=HTML)
    return buffer.getvalue() + HTML


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _png_bomb(side=30_000):
    """A few hundred bytes claiming side × side pixels: decoded, gigabytes."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (3 * side + 1) * 16, 9)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", rows)


PNG = _png()

#: payload → (file name as sent, bytes, Content-Type as sent)
PAYLOADS = {
    "svg-script": ("drawing.svg", SVG, "image/svg+xml"),
    "svg-named-png": ("drawing.png", SVG, "image/png"),
    "html-named-png": ("photo.png", HTML, "image/png"),
    "html-named-txt": ("notes.txt", HTML, "text/plain"),
    "html-named-pdf": ("plan.pdf", HTML, "application/pdf"),
    "gif-html-polyglot": ("funny.gif", _gif_html_polyglot(), "image/gif"),
    "jpeg-html-polyglot": ("holiday.jpg", _jpeg_html_polyglot(), "image/jpeg"),
    "png-bomb": ("bomb.png", _png_bomb(), "image/png"),
    "huge-dimensions": ("wide.png", _png((10_000, 4_100), mode="1"), "image/png"),
    "traversal-dots": ("../../etc/passwd.png", PNG, "image/png"),
    "traversal-backslashes": ("..\\..\\x.png", PNG, "image/png"),
    "absolute-path": ("/etc/cron.d/x.png", PNG, "image/png"),
    "nul-in-name": ("x.png\x00.html", PNG, "image/png"),
    "double-extension-html": ("photo.png.html", HTML, "image/png"),
    "double-extension-php": ("x.php.jpg", b"<?php system($_GET['c']); ?>" + HTML, "image/jpeg"),
    "image-sent-as-html": ("photo.jpg", located_photo("JPEG"), "text/html"),
    "html-sent-as-image": ("page.html", HTML, "image/png"),
    "empty": ("empty.png", b"", "image/png"),
    "over-size": ("big.png", b"\x89PNG\r\n\x1a\n" + bytes(6 * MB), "image/png"),
}

#: (payload, place) cells another test already pins, and where.
PINNED_ELSEWHERE = {
    ("svg-script", "avatar"): "tests/community/test_profile_edit.py (me.svg)",
    ("svg-named-png", "avatar"): "tests/community/test_profile_edit.py (me.png)",
    ("svg-named-png", "attachment"): "tests/community/test_discussions_pages.py (fake.png)",
    ("svg-script", "attachment"): "tests/community/test_discussions_pages.py (drawing.svg)",
    ("svg-script", "community-cover"): "tests/community/test_discussions_pages.py (evil.svg)",
    ("over-size", "wagtail-document"): "tests/cms/test_bad_input.py (big.pdf)",
}

#: What the forms say when they refuse a file (any one of them is a clear message).
REFUSALS = re.compile(
    "|".join(
        [
            "not a readable image",
            "not an image we can read",
            "Upload a JPEG, PNG or WebP image",
            "Upload a valid image",
            "Only JPEG, PNG and WebP",
            "SVG",
            "too large",
            "too many pixels",
            "larger than",
            "at most 5 MB",
            "cannot be attached",
            "is empty",
            "The submitted file is empty",
            "not accepted",
            "is not allowed",
            "too big",
            "must be a JPEG, PNG, GIF or WebP",
        ]
    )
)
SAFE_INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "image/gif"}


def multipart(fields, file_field, filename, data, content_type):
    """A multipart/form-data body written by hand: the file name goes through untouched."""
    boundary = "----upload-abuse-boundary"
    parts = []
    for key, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'.encode()
                + str(value).encode()
                + b"\r\n"
            )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
        f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class World:
    pass


@pytest.fixture
def world(discussions_defaults):  # noqa: F811
    w = World()
    w.project, w.teacher, _partner = pf.two_school_project(title="Rivers of our region")
    w.community = df.community(name="Upload circle", owner=w.teacher)
    w.room = df.room(w.community)
    w.editor = df.user(name="Editor Elnara")
    w.editor.groups.add(Group.objects.get(name="Editors"))
    w.client = Client(raise_request_exception=False)
    w.client.force_login(w.teacher)
    w.editor_client = Client(raise_request_exception=False)
    w.editor_client.force_login(w.editor)
    return w


# --- the places: how to send a file there, what it stored, where it is served -----------------


def _profile_fields(w):
    profile = Profile.objects.get(user=w.teacher)
    return {
        "display_name": profile.display_name,
        "region": str(profile.school.region_id) if profile.school else "",
        "school": str(profile.school_id or ""),
        "grades_min": "5",
        "grades_max": "11",
        "bio": "",
        "interface_language": "en",
        "time_zone": "Asia/Baku",
    }


def _community_fields(w):
    c = w.community
    return {"name": c.name, "description": "x", "topic": c.topic, "visibility": c.visibility}


def _project_fields(w):
    p = Project.objects.get(pk=w.project.pk)
    return {
        "title": p.title,
        "summary": p.summary,
        "description": p.description,
        "subjects": [str(pk) for pk in p.subjects.values_list("pk", flat=True)],
        "languages": [str(pk) for pk in p.languages.values_list("pk", flat=True)],
        "age_min": p.age_min,
        "age_max": p.age_max,
        "curriculum_topics": p.curriculum_topics,
        "start_date": p.start_date.isoformat(),
        "end_date": p.end_date.isoformat(),
    }


def _avatar_served(w):
    profile = Profile.objects.get(user=w.teacher)
    return (profile.avatar, profile.avatar_url) if profile.avatar else None


def _cover_served(w):
    c = Community.objects.get(pk=w.community.pk)
    return (c.cover_image, c.cover_url) if c.cover_image else None


def _attachment_served(w):
    a = Attachment.objects.filter(message__room=w.room).last()
    return (a.file, reverse("discussions:attachment", args=[a.pk])) if a else None


def _project_cover_served(w):
    p = Project.objects.get(pk=w.project.pk)
    return (p.cover, p.cover_url) if p.cover else None


def _project_file_served(w):
    f = ProjectFile.objects.filter(project=w.project).exclude(pk__in=w.files_before).last()
    return (f.file, reverse("projects:file", args=[f.pk])) if f else None


def _documents():
    from wagtail.documents import get_document_model

    return get_document_model()


def _document_served(w):
    d = _documents().objects.filter(title="Abuse").last()
    return (d.file, d.url) if d else None


PLACES = {
    "avatar": {
        "url": lambda w: "/en/accounts/profile/",
        "fields": _profile_fields,
        "field": "avatar_upload",
        "rows": lambda w: Profile.objects.filter(user=w.teacher).exclude(avatar="").count(),
        "served": _avatar_served,
        "folder": "avatars/",
    },
    "community-cover": {
        "url": lambda w: reverse("discussions:community_edit", args=[w.community.slug]),
        "fields": _community_fields,
        "field": "cover",
        "rows": lambda w: Community.objects.exclude(cover_image="").count(),
        "served": _cover_served,
        "folder": "covers/communities/",
    },
    "attachment": {
        "url": lambda w: reverse("discussions:room_post", args=[w.room.pk]),
        "fields": lambda w: {"body": "See the file", "client_id": f"form-{w.sent}"},
        "field": "attachments",
        "rows": lambda w: Attachment.objects.count(),
        "served": _attachment_served,
        "folder": "attachments/",
    },
    "project-cover": {
        "url": lambda w: reverse("projects:edit", args=[w.project.pk]),
        "fields": _project_fields,
        "field": "cover",
        "rows": lambda w: Project.objects.exclude(cover="").count(),
        "served": _project_cover_served,
        "folder": "covers/projects/",
    },
    "project-file": {
        "url": lambda w: reverse("projects:files", args=[w.project.pk]),
        "fields": lambda w: {"title": ""},
        "field": "upload",
        "rows": lambda w: ProjectFile.objects.count(),
        "served": _project_file_served,
        "folder": "projects/files/",
    },
    "wagtail-document": {
        "url": lambda w: "/admin/documents/add/",
        "fields": lambda w: {"title": "Abuse", "collection": "1"},
        "field": "file",
        "rows": lambda w: _documents().objects.count(),
        "served": _document_served,
        "folder": "documents/",
        "editor": True,
    },
}

CELLS = [
    (payload, place)
    for place in PLACES
    for payload in PAYLOADS
    if (payload, place) not in PINNED_ELSEWHERE
]


def _media_files():
    root = Path(settings.MEDIA_ROOT)
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def _assert_refused(w, place, response):
    text = response.content.decode(errors="replace")
    if place == "attachment":
        # the plain room form posts, then comes back to the composer with the reason
        assert response.status_code == 302, response.status_code
        assert response["Location"].endswith("#compose"), response["Location"]
        page = w.client.get(response["Location"])
        text = page.content.decode(errors="replace")
    else:
        # the form again, with its error (the workspace's file form answers 400)
        assert response.status_code in (200, 400), response.status_code
    assert REFUSALS.search(text), f"no clear refusal on the {place} form"


def _assert_served_safely(w, spec, stored):
    field_file, url = stored
    name = field_file.name
    assert name.startswith(spec["folder"]) and ".." not in name and "\\" not in name, name
    assert "\x00" not in name
    path = Path(field_file.path).resolve()
    assert path.is_relative_to((Path(settings.MEDIA_ROOT) / spec["folder"]).resolve())
    client = w.editor_client if spec.get("editor") else w.client
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    content_type = response["Content-Type"].split(";")[0].strip().lower()
    assert content_type not in ("text/html", "application/xhtml+xml", "image/svg+xml"), content_type
    assert "svg" not in content_type and "html" not in content_type and "xml" not in content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response.get("Content-Disposition", "")
    if not disposition.startswith("attachment"):
        # shown inline: only a picture that was decoded and written again, with no markup left
        assert content_type in SAFE_INLINE_TYPES, (content_type, disposition)
        data = _body(response)
        for marker in (b"<script", b"<html", b"<svg", b"<?php"):
            assert marker not in data.lower(), marker
        with Image.open(io.BytesIO(data)) as image:
            image.verify()


@pytest.mark.parametrize(("payload", "place"), CELLS, ids=[f"{p}@{q}" for p, q in CELLS])
def test_a_hostile_upload_is_refused_clearly_or_stored_and_served_safely(world, payload, place):
    w, spec = world, PLACES[place]
    w.sent = payload
    w.files_before = list(ProjectFile.objects.values_list("pk", flat=True))
    filename, data, content_type = PAYLOADS[payload]
    rows, files = spec["rows"](w), _media_files()
    body, multipart_type = multipart(spec["fields"](w), spec["field"], filename, data, content_type)
    client = w.editor_client if spec.get("editor") else w.client
    response = client.post(spec["url"](w), body, content_type=multipart_type)
    assert response.status_code < 500, response.status_code
    new_files = _media_files() - files
    for stored_name in new_files:
        assert stored_name.startswith(spec["folder"]), stored_name
    if spec["rows"](w) == rows and not (response.status_code == 302 and spec["served"](w)):
        _assert_refused(w, place, response)
        assert new_files == set(), f"a refused upload left files behind: {new_files}"
        assert spec["rows"](w) == rows
    else:
        assert response.status_code == 302, response.status_code
        stored = spec["served"](w)
        assert stored, "a row was added but nothing is served"
        _assert_served_safely(w, spec, stored)


def test_every_payload_meets_every_place():
    """The matrix is whole: only the cells named in PINNED_ELSEWHERE are left to other tests."""
    assert len(CELLS) == len(PAYLOADS) * len(PLACES) - len(PINNED_ELSEWHERE)
    assert {place for _payload, place in PINNED_ELSEWHERE} <= set(PLACES)
    assert {payload for payload, _place in PINNED_ELSEWHERE} <= set(PAYLOADS)
