"""Bad input gets a clear message and is never stored or shown as is."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.models import Document

from cms.blocks import BaseStreamBlock, ImageBlock, VideoEmbedBlock
from cms.models import EventPage

from . import factories


def test_script_in_rich_text_never_reaches_the_reader(tree, client):
    page = factories.resource(
        tree["resources"],
        "Guide with a trap",
        body=[
            (
                "paragraph",
                '<p>Hello <script>alert("x")</script><a href="javascript:alert(1)">link</a></p>',
            )
        ],
    )
    html = client.get(page.url).content.decode()
    assert "Hello" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_embed_from_an_unlisted_provider_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as excinfo:
        VideoEmbedBlock().clean("https://evil.example.com/watch?v=abc123")
    assert "YouTube, Vimeo" in " ".join(excinfo.value.messages)
    assert VideoEmbedBlock().clean("https://vimeo.com/123456") == "https://vimeo.com/123456"


def test_embed_refused_inside_a_stream_too():
    block = BaseStreamBlock()
    value = block.to_python([{"type": "video", "value": "https://example.org/video/1"}])
    with pytest.raises(StreamBlockValidationError):
        block.clean(value)


@pytest.mark.django_db
def test_image_without_alt_text_is_refused():
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 20)).save(buffer, format="PNG")
    image = Image.objects.create(title="x", file=SimpleUploadedFile("x.png", buffer.getvalue()))
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as excinfo:
        block.clean(block.to_python({"image": image.pk, "alt_text": "   ", "caption": ""}))
    assert "alternative text" in str(excinfo.value.block_errors["alt_text"])
    cleaned = block.clean(
        block.to_python({"image": image.pk, "alt_text": "A map of the region", "caption": ""})
    )
    assert cleaned["alt_text"] == "A map of the region"


def test_event_that_ends_before_it_starts_is_refused(tree):
    start = timezone.now() + timedelta(days=3)
    event = EventPage(
        title="Backwards", summary="s", start=start, end=start - timedelta(hours=1), venue="Baku"
    )
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "The event must end after it starts." in excinfo.value.message_dict["end"]


def test_recording_from_an_unlisted_provider_is_refused(tree):
    start = timezone.now() + timedelta(days=3)
    event = EventPage(
        title="Bad recording",
        slug="bad-recording",
        summary="s",
        start=start,
        end=start + timedelta(hours=1),
        venue="Baku",
        recording_url="https://videos.example.net/1",
    )
    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()
    assert "recording_url" in excinfo.value.message_dict


@pytest.fixture
def admin_client(client, tree):
    client.force_login(factories.user(staff=True))
    return client


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ...", "is not allowed"),
        ("big.pdf", b"%PDF-1.4" + b"0" * 2048, "This file is too big"),
    ],
)
def test_disallowed_or_oversized_document_is_refused(
    admin_client, settings, name, content, message
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = admin_client.post(
        "/admin/documents/add/",
        {"title": "Upload", "file": SimpleUploadedFile(name, content), "collection": 1},
    )
    assert response.status_code == 200  # the form comes back with the error
    assert message in response.content.decode()
    assert not Document.objects.filter(title="Upload").exists()
