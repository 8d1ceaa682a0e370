"""Covers of draft projects and private communities, and photos of closed accounts, go through
the permission check, never straight from /media/."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from community.discussions.services import community_create
from projects.models import Project
from tests.community import discussions_factories as people

from . import factories as f

pytestmark = pytest.mark.django_db


def jpeg(name="cover.jpg"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (30, 120, 200)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def status(client, url, user=None):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client.get(url).status_code


def media_url(field_file):
    return f"/media/{field_file.name}"


def test_a_draft_projects_cover_is_404_to_visitors_and_outsiders_and_200_to_members(client):
    project, founder, partner = f.two_school_project(title="Quiet draft")
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    Project.objects.filter(pk=project.pk).update(status=Project.Status.DRAFT)
    from projects import services

    services.project_update(actor=founder, project=project, cover=jpeg())
    project.refresh_from_db()
    url = project.cover_url

    assert "cover" not in project.cover.name.rsplit("/", 1)[-1]  # no predictable name
    assert status(client, f"/en/projects/{project.pk}/") == 404
    assert status(client, url) == 404
    assert status(client, url, outsider) == 404
    assert status(client, url, partner) == 200
    response = client.get(url)
    assert response["Content-Type"] == "image/jpeg"
    assert response["Cache-Control"].startswith("private")
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert f'src="{url}"' in page
    # Never straight from the media folder, whatever the spelling of the path.
    assert status(client, media_url(project.cover)) == 404
    assert status(client, f"/media/avatars/../{project.cover.name}") == 404
    # A name that is not the project's cover is not served either.
    assert status(client, url.rsplit("/", 1)[0] + "/other.jpg", partner) == 404


def test_a_published_projects_cover_answers_everyone_and_may_be_cached(client):
    project, founder, _partner = f.two_school_project(title="On the showcase")
    from projects import services

    services.project_update(actor=founder, project=project, cover=jpeg())
    Project.objects.filter(pk=project.pk).update(published_at=timezone.now())
    project.refresh_from_db()

    assert status(client, project.cover_url) == 200
    response = client.get(project.cover_url)
    assert response["Cache-Control"].startswith("public")
    showcase = client.get(f"/en/projects/showcase/{project.pk}/").content.decode()
    assert f'src="{project.cover_url}"' in showcase
    assert status(client, project.cover_url, f.teacher("Anyone")) == 200


def test_a_private_communitys_cover_is_404_to_visitors_and_200_to_members(client):
    owner = people.user()
    member = people.user()
    stranger = people.user()
    private = community_create(user=owner, name="Closed circle", visibility="private", cover=jpeg())
    people.member(private, member)
    url = private.cover_url

    assert status(client, url) == 404
    assert status(client, url, member) == 200
    assert client.get(url)["Cache-Control"].startswith("private")
    assert status(client, media_url(private.cover_image)) == 404
    client.force_login(member)
    page = client.get(private.get_absolute_url()).content.decode()
    assert f'src="{url}"' in page
    # A verified teacher from elsewhere may see the community's page (to ask to join), not a
    # banned one or a visitor: the cover follows the page.
    assert status(client, url, stranger) == status(client, private.get_absolute_url(), stranger)


def test_a_public_communitys_cover_answers_visitors(client):
    owner = people.user()
    public = community_create(user=owner, name="Open circle", cover=jpeg())

    assert status(client, public.cover_url) == 200
    assert client.get(public.cover_url)["Cache-Control"].startswith("public")


def test_a_teachers_photo_answers_while_the_profile_is_open_and_404_once_the_account_is_closed(
    client,
):
    from django.core.files.base import ContentFile

    from community.models import User

    teacher = people.user(name="Photo Teacher")
    profile = teacher.profile
    profile.avatar.save(f"{teacher.pk}-0123456789abcdef.jpg", ContentFile(jpeg().read()))
    url = profile.avatar_url

    assert status(client, url) == 200
    assert client.get(url)["Cache-Control"].startswith("public")
    assert f'src="{url}"' in client.get(f"/en/teachers/{teacher.pk}/").content.decode()
    assert status(client, media_url(profile.avatar)) == 404

    User.objects.filter(pk=teacher.pk).update(is_active=False)
    assert status(client, url) == 404
    assert status(client, url, people.user()) == 404
