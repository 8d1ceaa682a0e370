"""Pupils writing project pages, when the project allows it: held for their own teacher in a
pre-moderated project, never published to the public by a pupil, gone with the pupil."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from community.errors import ActionError
from community.models import User
from projects import services
from projects.models import ProjectFile, ProjectPage

from .test_pupils import classes, signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache

    cache.clear()


def _png(name="stork.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def _allowed():
    project, founder, partner, own, aziz, leyla, dana = classes()
    services.pupils_set_pages(actor=founder, project=project, on=True)
    project.refresh_from_db()
    return project, founder, partner, aziz, leyla, dana


def _pages_tab(client, project):
    return client.get(reverse("projects:pages", args=[project.pk])).content.decode()


def test_pupils_write_no_page_until_a_teacher_allows_it(client):
    project, founder, _p, _own, aziz, *_ = classes()
    signed_in(client, aziz)
    assert 'id="page-title"' not in _pages_tab(client, project)  # no "Add a page" form
    response = client.post(
        reverse("projects:pages", args=[project.pk]), {"action": "create", "title": "Mine"}
    )
    assert response.status_code == 404
    assert not project.pages.exists()

    client.force_login(founder)
    client.post(reverse("projects:pupils", args=[project.pk]), {"action": "pages", "on": "1"})
    project.refresh_from_db()
    assert project.pupils_write_pages
    signed_in(client, aziz)
    assert 'id="page-title"' in _pages_tab(client, project)


def test_only_a_founder_or_partner_changes_the_setting():
    project, _founder, _p, _own, aziz, *_ = classes()
    with pytest.raises(ActionError):
        services.pupils_set_pages(actor=User.objects.get(pk=aziz.user_id), project=project, on=True)


def test_a_held_pupils_page_waits_for_their_own_teacher(client):
    project, founder, partner, aziz, leyla, dana = _allowed()
    signed_in(client, aziz)
    response = client.post(
        reverse("projects:pages", args=[project.pk]),
        {"action": "create", "title": "Storks on our roof", "body": "Two **storks**.", "images": _png()},
    )
    assert response.status_code == 302
    page = ProjectPage.objects.get(title="Storks on our roof")
    assert page.held and page.author_id == aziz.user_id
    image = page.images.get()
    assert "your teacher will look at it" in _pages_tab(client, project)

    # the other pupils see neither the page nor its image; the author and every teacher do
    for pupil in (leyla, dana):
        signed_in(client, pupil)
        assert "Storks on our roof" not in _pages_tab(client, project)
        files = client.get(reverse("projects:files", args=[project.pk])).content.decode()
        assert image.title not in files
        assert client.get(reverse("projects:page_edit", args=[page.pk])).status_code == 404
        assert client.get(reverse("projects:file", args=[image.pk])).status_code == 404
    signed_in(client, aziz)
    assert client.get(reverse("projects:page_edit", args=[page.pk])).status_code == 200
    for teacher in (founder, partner):
        client.force_login(teacher)
        tab = _pages_tab(client, project)
        assert "Storks on our roof" in tab and "by Aziz K., pupil" in tab
        assert "Waiting for the teacher" in tab

    # the partner teacher is not Aziz's teacher: they cannot approve it, nor publish it yet
    client.force_login(partner)
    body = client.get(reverse("projects:page_edit", args=[page.pk])).content.decode()
    assert "Approve Aziz K." not in body
    client.post(reverse("projects:page_edit", args=[page.pk]), {"action": "approve"})
    response = client.post(
        reverse("projects:pages", args=[project.pk]), {"action": "publish", "page": page.pk}
    )
    assert "waits for their teacher" in response.content.decode()
    page.refresh_from_db()
    assert page.held and page.published_at is None

    # Aziz's own teacher sees it in the Pupils tab and approves it
    client.force_login(founder)
    assert "Storks on our roof" in client.get(
        reverse("projects:pupils", args=[project.pk])
    ).content.decode()
    client.post(reverse("projects:page_edit", args=[page.pk]), {"action": "approve"})
    page.refresh_from_db()
    assert not page.held
    signed_in(client, leyla)
    assert "Storks on our roof" in _pages_tab(client, project)
    assert client.get(reverse("projects:file", args=[image.pk])).status_code == 200


def test_a_pupil_changes_only_their_own_page_and_not_once_approved(client):
    project, founder, _partner, aziz, leyla, _dana = _allowed()
    teachers = services.page_create(actor=founder, project=project, title="Our river", body="Cold.")
    mine = services.page_create(
        actor=User.objects.get(pk=aziz.user_id), project=project, title="Fish", body="Three."
    )
    signed_in(client, aziz)
    url = reverse("projects:page_edit", args=[mine.pk])
    assert 'id="page-title"' in client.get(url).content.decode()
    client.post(url, {"title": "Fish we saw", "body": "Four."})
    mine.refresh_from_db()
    assert mine.title == "Fish we saw" and mine.revisions.count() == 1

    # a teacher's page and another pupil's page stay as they are
    assert 'id="page-title"' not in client.get(
        reverse("projects:page_edit", args=[teachers.pk])
    ).content.decode()
    assert client.post(
        reverse("projects:page_edit", args=[teachers.pk]), {"title": "Mine", "body": "x"}
    ).status_code == 404
    signed_in(client, leyla)
    assert client.get(url).status_code == 404  # held: not hers to see yet

    services.page_approve(actor=founder, page=mine)
    signed_in(client, aziz)
    response = client.post(url, {"title": "Changed after approval", "body": "x"})
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.title == "Fish we saw"
    with pytest.raises(ActionError) as refused:
        services.page_edit(
            actor=User.objects.get(pk=aziz.user_id), page=mine, title="Again", body="x"
        )
    assert refused.value.code == "approved"


def test_a_pupil_never_publishes_moves_or_deletes_a_teachers_page(client):
    project, founder, _partner, aziz, _leyla, _dana = _allowed()
    services.pupils_set_premoderation(actor=founder, project=project, on=False)
    project.refresh_from_db()
    first = services.page_create(actor=founder, project=project, title="Our river", body="Cold.")
    mine = services.page_create(
        actor=User.objects.get(pk=aziz.user_id), project=project, title="Fish", body="Three."
    )
    assert not mine.held  # not pre-moderated: the other pupils see it at once
    signed_in(client, aziz)
    tab = _pages_tab(client, project)
    assert 'value="publish"' not in tab and 'value="up"' not in tab
    for action, page in (("publish", mine), ("up", mine), ("delete", first)):
        client.post(reverse("projects:pages", args=[project.pk]), {"action": action, "page": page.pk})
    first.refresh_from_db()
    mine.refresh_from_db()
    assert mine.published_at is None and first.position == 1 and mine.position == 2

    client.post(reverse("projects:pages", args=[project.pk]), {"action": "delete", "page": mine.pk})
    assert not ProjectPage.objects.filter(pk=mine.pk).exists()  # their own page: they may


def test_a_pupils_pages_go_with_the_pupil_and_are_in_the_teachers_export(client):
    project, founder, _partner, aziz, *_ = _allowed()
    mine = services.page_create(
        actor=User.objects.get(pk=aziz.user_id),
        project=project,
        title="Our street",
        body="We live near the mill.",
        images=[_png("street.png")],
    )
    stored = mine.images.get().file.name
    client.force_login(founder)
    data = json.loads(client.get(reverse("projects:pupils_export", args=[project.pk])).content)
    pupils = {p["name"]: p for c in data["classes"] for p in c["pupils"]}
    assert pupils["Aziz K."]["pages"][0]["text"] == "We live near the mill."

    client.post(reverse("projects:pupils", args=[project.pk]), {"action": "remove", "pupil": aziz.pk})
    assert not ProjectPage.objects.filter(pk=mine.pk).exists()
    assert not ProjectFile.objects.filter(file=stored).exists()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(stored)


def test_a_bad_page_from_a_pupil_loses_nothing_and_says_why(client):
    project, _founder, _partner, aziz, *_ = _allowed()
    signed_in(client, aziz)
    response = client.post(
        reverse("projects:pages", args=[project.pk]),
        {"action": "create", "title": "", "body": "What we found in the river."},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "A page needs a title." in body and "What we found in the river." in body
    response = client.post(
        reverse("projects:pages", args=[project.pk]),
        {
            "action": "create",
            "title": "A game",
            "images": SimpleUploadedFile("game.exe", b"MZ...", "application/octet-stream"),
        },
    )
    assert response.status_code == 400
    assert not project.pages.exists()
