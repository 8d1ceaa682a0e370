"""Files of private places are served only to those who may see the place.

Room attachments and project workspace files never come from MEDIA_URL; a
view checks the same rules as the pages that link to them.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from community.discussions.models import Attachment
from projects.models import JournalEntry, ProjectFile
from tests.community import discussions_factories as df
from tests.projects import factories as pf


@pytest.fixture
def private_attachment(db):
    owner = df.user(name="Owner")
    c = df.community(visibility="private", owner=owner)
    message = df.message(df.room(c), owner, "The agenda is attached")
    attachment = Attachment.objects.create(
        message=message,
        file=ContentFile(b"%PDF-1.4 agenda", name="agenda-private.pdf"),
        kind="document",
        original_name="agenda.pdf",
        size=15,
        content_type="application/pdf",
    )
    return owner, attachment


def test_a_private_room_attachment_reaches_members_only(client, private_attachment):
    owner, attachment = private_attachment
    url = attachment.get_absolute_url()
    assert client.get(url).status_code == 404  # visitor
    client.force_login(df.user(name="Outsider"))
    assert client.get(url).status_code == 404
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 agenda"
    assert "attachment" in response["Content-Disposition"]


def test_attachments_are_not_served_from_the_media_url(client, private_attachment):
    _, attachment = private_attachment
    assert client.get("/media/" + attachment.file.name).status_code == 404


@pytest.mark.django_db
def test_workspace_files_reach_members_and_showcased_images_reach_everyone(client):
    founder = pf.teacher()
    project = pf.project(founder, title="Wells of our villages")
    shared = ProjectFile.objects.create(
        project=project,
        uploaded_by=founder,
        file=ContentFile(b"plan", name="plan.txt"),
        title="Our plan",
        kind="document",
        size=4,
    )
    client.force_login(pf.teacher())
    assert client.get(shared.get_absolute_url()).status_code == 404
    assert client.get("/media/" + shared.file.name).status_code == 404
    client.force_login(founder)
    assert client.get(shared.get_absolute_url()).status_code == 200

    entry = JournalEntry.objects.create(
        project=project,
        author=founder,
        title="Field trip",
        body="We went.",
        happened_on=datetime.date(2026, 3, 1),
        on_showcase=True,
    )
    photo = ProjectFile.objects.create(
        project=project,
        entry=entry,
        uploaded_by=founder,
        file=ContentFile(b"img", name="trip.jpg"),
        title="Trip",
        kind="image",
        size=3,
    )
    client.logout()
    assert client.get(photo.get_absolute_url()).status_code == 404  # not published yet
    project.published_at = timezone.now()
    project.save(update_fields=["published_at"])
    assert client.get(photo.get_absolute_url()).status_code == 200
    assert client.get(shared.get_absolute_url()).status_code == 404  # still workspace-only
