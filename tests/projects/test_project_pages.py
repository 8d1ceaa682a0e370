"""Project pages: members write them with a history; visitors see only published pages of public projects."""

import pytest
from django.urls import reverse
from django.utils import timezone

from community.errors import ActionError
from projects import services
from projects.models import ProjectPage, ProjectPageRevision

from . import factories as f

pytestmark = pytest.mark.django_db


def make_public(project):
    project.published_at = timezone.now()
    project.save(update_fields=["published_at"])


def test_member_creates_and_edits_a_page_and_the_previous_version_is_kept():
    project, founder, partner = f.two_school_project()
    page = services.page_create(actor=founder, project=project, title="Week 1", body="We **met**.")
    assert "<strong>met</strong>" in page.body_html
    services.page_edit(actor=partner, page=page, title="Week one", body="We met twice.")
    page.refresh_from_db()
    assert page.title == "Week one"
    revision = ProjectPageRevision.objects.get(page=page)
    assert (revision.editor, revision.previous_title, revision.previous_body) == (
        partner,
        "Week 1",
        "We **met**.",
    )


def test_the_cleaner_strips_a_script_from_the_body():
    project, founder, _ = f.two_school_project()
    page = services.page_create(
        actor=founder, project=project, title="X", body="Hi <script>alert(1)</script>"
    )
    assert "<script" not in page.body_html


def test_an_outsider_cannot_write_and_nothing_is_saved():
    project, _, _ = f.two_school_project()
    outsider = f.teacher("Outsider")
    with pytest.raises(ActionError):
        services.page_create(actor=outsider, project=project, title="Mine")
    assert not ProjectPage.objects.exists()


def test_a_page_without_a_title_is_refused_and_nothing_is_saved():
    project, founder, _ = f.two_school_project()
    with pytest.raises(ActionError):
        services.page_create(actor=founder, project=project, title="  ")
    page = services.page_create(actor=founder, project=project, title="Kept")
    with pytest.raises(ActionError):
        services.page_edit(actor=founder, page=page, title="", body="new")
    page.refresh_from_db()
    assert page.title == "Kept"
    assert not ProjectPageRevision.objects.exists()


def test_reorder_sets_the_order_and_refuses_a_partial_list():
    project, founder, _ = f.two_school_project()
    a = services.page_create(actor=founder, project=project, title="A")
    b = services.page_create(actor=founder, project=project, title="B")
    services.page_reorder(actor=founder, project=project, page_ids=[b.pk, a.pk])
    assert list(project.pages.values_list("title", flat=True)) == ["B", "A"]
    with pytest.raises(ActionError):
        services.page_reorder(actor=founder, project=project, page_ids=[a.pk])
    assert list(project.pages.values_list("title", flat=True)) == ["B", "A"]


def test_only_published_pages_of_a_public_project_are_on_its_public_page(client):
    project, founder, _ = f.two_school_project()
    shown = services.page_create(actor=founder, project=project, title="Shown page")
    services.page_create(actor=founder, project=project, title="Secret draft page")
    services.page_set_published(actor=founder, page=shown, published=True)
    url = reverse("projects:showcase_detail", args=[project.pk])
    assert client.get(url).status_code == 404  # the project itself is not public yet
    make_public(project)
    html = client.get(url).content.decode()
    assert "Shown page" in html
    assert "Secret draft page" not in html
    services.page_set_published(actor=founder, page=shown, published=False)
    assert "Shown page" not in client.get(url).content.decode()


def test_outsider_gets_404_for_the_pages_tab_an_unpublished_page_and_its_public_address(client):
    project, founder, _ = f.two_school_project()
    page = services.page_create(actor=founder, project=project, title="Draft")
    make_public(project)
    client.force_login(f.teacher("Outsider"))
    assert client.get(reverse("projects:pages", args=[project.pk])).status_code == 404
    assert client.get(reverse("projects:page_edit", args=[page.pk])).status_code == 404
    public = reverse("projects:showcase_page", args=[project.pk, page.pk])
    assert client.get(public).status_code == 404
    services.page_set_published(actor=founder, page=page, published=True)
    assert client.get(public).status_code == 200


def test_a_member_adds_publishes_and_reads_history_through_the_pages_tab(client):
    project, founder, partner = f.two_school_project()
    client.force_login(founder)
    url = reverse("projects:pages", args=[project.pk])
    assert client.post(url, {"action": "create", "title": "", "body": "x"}).status_code == 400
    assert not ProjectPage.objects.exists()
    client.post(url, {"action": "create", "title": "Our river", "body": "Cold water."})
    page = ProjectPage.objects.get()
    client.post(url, {"action": "publish", "page": page.pk})
    page.refresh_from_db()
    assert page.published_at is not None
    edit = reverse("projects:page_edit", args=[page.pk])
    client.post(edit, {"title": "Our river in May", "body": "Warmer."})
    client.force_login(partner)
    html = client.get(edit).content.decode()
    assert "Our river in May" in html
    assert "Cold water." in html  # the previous text, in the history


def test_published_pages_are_in_the_sitemap_and_search_unpublished_never(client):
    from projects.search import search_for

    project, founder, _ = f.two_school_project()
    shown = services.page_create(actor=founder, project=project, title="Riverbank survey")
    hidden = services.page_create(actor=founder, project=project, title="Riverbank secrets")
    services.page_set_published(actor=founder, page=shown, published=True)
    # A published page of a project that is not public is nowhere.
    assert "Riverbank" not in client.get("/sitemap.xml").content.decode()
    assert not [
        r for r in search_for("Riverbank", user=None, filters={}) if "Riverbank" in r["title"]
    ]
    make_public(project)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"/pages/{shown.pk}/" in sitemap
    assert f"/pages/{hidden.pk}/" not in sitemap
    titles = [r["title"] for r in search_for("Riverbank", user=None, filters={})]
    assert titles == ["Riverbank survey"]


def test_a_bad_image_is_refused_with_a_message_and_nothing_is_saved(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from projects.models import ProjectFile

    project, founder, _ = f.two_school_project()
    client.force_login(founder)
    url = reverse("projects:pages", args=[project.pk])
    fake = SimpleUploadedFile("photo.jpg", b"not an image at all", content_type="image/jpeg")
    response = client.post(url, {"action": "create", "title": "Photos", "images": [fake]})
    assert response.status_code == 400
    assert "This file is not a readable image." in response.content.decode()
    assert not ProjectPage.objects.exists()
    assert not ProjectFile.objects.exists()
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 200, 50)).save(buffer, format="PNG")
    good = SimpleUploadedFile("river.png", buffer.getvalue(), content_type="image/png")
    client.post(url, {"action": "create", "title": "Photos", "images": [good]})
    page = ProjectPage.objects.get()
    image = page.images.get()
    services.page_set_published(actor=founder, page=page, published=True)
    make_public(project)
    client.logout()
    html = client.get(reverse("projects:showcase_page", args=[project.pk, page.pk])).content
    assert image.get_absolute_url().encode() in html
    assert client.get(image.get_absolute_url()).status_code == 200


def test_an_edit_adds_and_takes_off_images_and_a_bad_one_changes_nothing(client):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    def png(name, color):
        buffer = io.BytesIO()
        Image.new("RGB", (30, 20), color).save(buffer, format="PNG")
        return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")

    project, founder, _ = f.two_school_project()
    page = services.page_create(
        actor=founder, project=project, title="Our river", body="Week one", images=[png("a.png", (1, 2, 3))]
    )
    first = page.images.get()
    client.force_login(founder)
    url = reverse("projects:page_edit", args=[page.pk])
    html = client.get(url).content.decode()
    assert 'enctype="multipart/form-data"' in html and f'value="{first.pk}"' in html
    fake = SimpleUploadedFile("b.jpg", b"not an image", content_type="image/jpeg")
    response = client.post(url, {"title": "Our river, week two", "body": "More", "images": [fake]})
    assert response.status_code == 400 and "This file is not a readable image." in response.content.decode()
    page.refresh_from_db()
    assert page.title == "Our river" and page.images.count() == 1 and not page.revisions.exists()
    client.post(
        url,
        {"title": "Our river, week two", "body": "More", "images": [png("c.png", (9, 9, 9))], "remove_image": [first.pk]},
    )
    page.refresh_from_db()
    assert page.title == "Our river, week two"
    assert page.images.count() == 1 and not page.images.filter(pk=first.pk).exists()
    first.refresh_from_db()
    assert first.page_id is None  # taken off the page, still among the project's files
