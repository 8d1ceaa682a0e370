"""Pages: what members, outsiders and visitors see; forms with bad input; privacy of the workspace."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from projects import services
from projects.models import JournalEntry, Partnership, Project, ProjectFile
from tests.support.photos import assert_forgotten, located_photo

from . import factories as f

pytestmark = pytest.mark.django_db


def png_bytes():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = png_bytes()

WORKSPACE_PAGES = ["workspace", "plan", "journal", "files", "members", "edit", "label"]


def url(project, page):
    return f"/en/projects/{project.pk}/{page}/"


@pytest.fixture
def world():
    project, founder, partner = f.two_school_project(title="Secret river study")
    outsider = f.teacher("Outsider", school_obj=f.school("School X"))
    return project, founder, partner, outsider


def test_workspace_pages_are_404_for_outsiders_and_visitors(client, world):
    project, _founder, _partner, outsider = world
    for page in WORKSPACE_PAGES:
        assert client.get(url(project, page)).status_code in (
            302,
            404,
        )  # visitors: to the login page
    client.force_login(outsider)
    for page in WORKSPACE_PAGES:
        response = client.get(url(project, page))
        assert response.status_code == 404, page
    # The project page itself: an active, unpublished project is not public either.
    assert client.get(f"/en/projects/{project.pk}/").status_code == 404
    # POSTs too: nothing is written.
    client.post(url(project, "plan/milestones"), {"title": "Hack", "due_date": "2026-03-01"})
    client.post(
        url(project, "journal"), {"title": "Hack", "body": "x", "happened_on": "2026-03-01"}
    )
    assert not project.milestones.exists() and not JournalEntry.objects.exists()


def test_members_and_staff_see_the_workspace(client, world):
    project, founder, partner, _outsider = world
    for user in (founder, partner, f.staff()):
        client.force_login(user)
        for page in ("workspace", "plan", "journal", "files", "members"):
            response = client.get(url(project, page))
            assert response.status_code == 200, (user, page)
            assert "Secret river study" in response.content.decode()


def test_project_page_shows_schools_and_invitation_answer(client, world):
    project, founder, _partner, outsider = world
    row = services.partnership_invite(actor=founder, project=project, invitee=outsider)
    client.force_login(outsider)
    page = client.get(f"/en/projects/{project.pk}/").content.decode()
    assert "School A" in page and "School B" in page and "You are invited" in page
    response = client.post(f"/en/projects/partnerships/{row.pk}/respond/", {"answer": "accept"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == "accepted"
    assert client.get(url(project, "workspace")).status_code == 200


def test_create_project_form(client):
    founder = f.teacher(school_obj=f.school())
    client.force_login(founder)
    assert client.get("/en/projects/new/").status_code == 200
    bad = {
        "title": "Clouds",
        "summary": "Look up",
        "age_min": 8,
        "age_max": 12,
        "start_date": "2026-05-01",
        "end_date": "2026-04-01",
    }
    response = client.post("/en/projects/new/", bad)
    assert response.status_code == 200
    assert "The end date cannot be before the start date." in response.content.decode()
    assert not Project.objects.exists()
    good = dict(
        bad, end_date="2026-06-01", seeking_partners="on", description="<script>x</script>*hi*"
    )
    response = client.post("/en/projects/new/", good)
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/projects/{project.pk}/")
    assert project.status == "seeking" and "<script>" not in project.description_html


def test_unverified_teacher_cannot_open_the_create_page(client):
    client.force_login(f.teacher(verified=False))
    assert client.get("/en/projects/new/").status_code == 403


def test_board_lists_seeking_projects_only(client, world):
    project, founder, _partner, outsider = world
    idea = f.project(founder, title="Looking for birds", seeking_partners=True)
    f.project(founder, title="A private draft")
    page = client.get("/en/projects/").content.decode()
    assert "Looking for birds" in page
    assert "A private draft" not in page and "Secret river study" not in page
    client.force_login(outsider)
    assert client.get(f"/en/projects/{idea.pk}/").status_code == 200
    response = client.post(f"/en/projects/{idea.pk}/join/", {"message": "Me too"})
    assert response.status_code == 302
    assert Partnership.objects.get(project=idea, user=outsider).status == "requested"


def test_board_filters(client):
    founder = f.teacher(school_obj=f.school("Rural one", f.region("Lankaran"), rural=True))
    biology = f.subject("Biology")
    f.project(
        founder, title="Leaves", seeking_partners=True, subjects=[biology], age_min=7, age_max=9
    )
    f.project(founder, title="Rockets", seeking_partners=True, age_min=14, age_max=17)
    assert "Leaves" in client.get(f"/en/projects/?subject={biology.pk}").content.decode()
    assert "Rockets" not in client.get(f"/en/projects/?subject={biology.pk}").content.decode()
    page = client.get("/en/projects/?age=15").content.decode()
    assert "Rockets" in page and "Leaves" not in page
    assert "Leaves" in client.get("/en/projects/?rural=on").content.decode()
    # A malformed filter is a form error, never a 500.
    assert client.get("/en/projects/?age=abc&subject=zzz").status_code == 200


def test_journal_entry_with_image_and_bad_files(client, world):
    project, founder, partner, _outsider = world
    client.force_login(partner)
    school_b = partner.profile.school
    data = {
        "title": "Tree planting",
        "body": "We planted **ten** trees",
        "happened_on": "2026-03-01",
        "school": school_b.pk,
    }
    response = client.post(
        url(project, "journal"),
        dict(data, files=[SimpleUploadedFile("trees.png", PNG, content_type="image/png")]),
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get()
    assert entry.school == school_b and "<strong>ten</strong>" in entry.body_html
    assert entry.attachments.get().kind == "image"

    fake = SimpleUploadedFile("trees.png", b"not an image", content_type="image/png")
    response = client.post(url(project, "journal"), dict(data, title="Fake", files=[fake]))
    assert response.status_code == 400 and "not a readable image" in response.content.decode()
    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(url(project, "journal"), dict(data, title="Exe", files=[exe]))
    assert response.status_code == 400 and "not accepted" in response.content.decode()
    assert JournalEntry.objects.count() == 1 and ProjectFile.objects.count() == 1


def stored_bytes(field_file):
    with field_file.open("rb") as handle:
        return handle.read()


def test_journal_photos_are_stored_upright_without_their_position(client, world):
    project, _founder, partner, _outsider = world
    client.force_login(partner)
    photos = [
        SimpleUploadedFile("yard.jpg", located_photo("JPEG"), content_type="image/jpeg"),
        SimpleUploadedFile("Board.PNG", located_photo("PNG"), content_type="image/png"),
        SimpleUploadedFile("trees.webp", located_photo("WEBP"), content_type="image/webp"),
    ]
    response = client.post(
        url(project, "journal"),
        {"title": "Our yard", "body": "We drew it", "happened_on": "2026-03-01", "files": photos},
    )
    assert response.status_code == 302
    items = {item.title: item for item in JournalEntry.objects.get().attachments.all()}
    assert set(items) == {"yard.jpg", "Board.PNG", "trees.webp"}
    for title, fmt, extension in (
        ("yard.jpg", "JPEG", ".jpg"),
        ("Board.PNG", "PNG", ".png"),
        ("trees.webp", "WEBP", ".webp"),
    ):
        item = items[title]
        data = stored_bytes(item.file)
        assert item.kind == "image" and item.size == len(data) == item.file.size
        assert item.file.name.endswith(extension)
        assert_forgotten(data, fmt=fmt, size=(200, 300))  # 300 × 200 turned upright, not scaled


def test_shared_images_are_stored_and_served_without_their_position(client, world):
    project, _founder, partner, _outsider = world
    client.force_login(partner)
    # A JPEG named .png is stored as the JPEG it is, and served as one.
    photo = SimpleUploadedFile("pupils.png", located_photo("JPEG"), content_type="image/png")
    response = client.post(url(project, "files"), {"upload": photo, "title": "Pupils"})
    assert response.status_code == 302
    item = ProjectFile.objects.get()
    assert (item.title, item.kind) == ("Pupils", "image")
    assert item.file.name.endswith("/pupils.jpg") and item.size == item.file.size
    response = client.get(f"/en/projects/files/{item.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    served = b"".join(response.streaming_content)
    assert served == stored_bytes(item.file)
    assert_forgotten(served, fmt="JPEG", size=(200, 300))


def test_project_covers_are_stored_without_their_position(world):
    project, founder, _partner, _outsider = world
    cover = SimpleUploadedFile("cover.jpg", located_photo("JPEG"), content_type="image/jpeg")
    services.project_update(actor=founder, project=project, cover=cover)
    project.refresh_from_db()
    assert project.cover.name.endswith(".jpg")
    assert_forgotten(stored_bytes(project.cover), fmt="JPEG", size=(200, 300))
    new = f.project(founder, cover=SimpleUploadedFile("c.webp", located_photo("WEBP")))
    assert new.cover.name.endswith(".webp")
    assert_forgotten(stored_bytes(new.cover), fmt="WEBP", size=(200, 300))


def test_the_edit_page_stores_an_uploaded_cover_without_its_position_and_keeps_it(client, world):
    project, founder, _partner, _outsider = world
    client.force_login(founder)
    fields = {
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "age_min": project.age_min,
        "age_max": project.age_max,
        "curriculum_topics": "",
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat(),
    }
    cover = SimpleUploadedFile("cover.png", located_photo("PNG"), content_type="image/png")
    response = client.post(url(project, "edit"), dict(fields, cover=cover))
    assert response.status_code == 302, response.content.decode()[:2000]
    project.refresh_from_db()
    stored = project.cover.name
    assert stored.endswith(".png")
    assert_forgotten(stored_bytes(project.cover), fmt="PNG", size=(200, 300))
    # Saving again without a new cover keeps the stored one as it is.
    response = client.post(url(project, "edit"), dict(fields, title="Renamed"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title, project.cover.name) == ("Renamed", stored)


def test_a_cover_in_another_image_format_is_refused(world):
    import io

    from PIL import Image

    from community.errors import ActionError

    project, founder, _partner, _outsider = world
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20)).save(buffer, format="BMP")
    bmp = SimpleUploadedFile("cover.bmp", buffer.getvalue(), content_type="image/bmp")
    with pytest.raises(ActionError) as caught:
        services.project_update(actor=founder, project=project, cover=bmp)
    assert "JPEG, PNG, GIF or WebP" in caught.value.detail
    project.refresh_from_db()
    assert not project.cover


def test_journal_school_must_be_a_partner_school(client, world):
    project, founder, _partner, outsider = world
    client.force_login(founder)
    response = client.post(
        url(project, "journal"),
        {
            "title": "x",
            "body": "y",
            "happened_on": "2026-03-01",
            "school": outsider.profile.school.pk,
        },
    )
    assert response.status_code == 400 and not JournalEntry.objects.exists()


def test_document_too_big_is_refused(client, world, monkeypatch):
    project, founder, _p, _o = world
    from projects.services import workspace

    monkeypatch.setattr(workspace, "MAX_DOCUMENT_BYTES", 10)
    client.force_login(founder)
    big = SimpleUploadedFile("plan.pdf", b"%PDF-1.4 " + b"x" * 100, content_type="application/pdf")
    response = client.post(url(project, "files"), {"upload": big})
    assert response.status_code == 400 and "at most 20 MB" in response.content.decode()
    ok = SimpleUploadedFile("p.pdf", b"%PDF", content_type="application/pdf")
    assert client.post(url(project, "files"), {"upload": ok, "title": "Plan"}).status_code == 302
    assert "Plan" in client.get(url(project, "files")).content.decode()


def test_plan_milestones_and_tasks(client, world):
    project, founder, partner, outsider = world
    client.force_login(founder)
    client.post(url(project, "plan/milestones"), {"title": "Kick-off", "due_date": "2026-02-10"})
    milestone = project.milestones.get()
    client.post(
        url(project, "plan/tasks"),
        {
            "title": "Collect samples",
            "milestone": milestone.pk,
            "assignee": partner.pk,
            "due_date": "2026-02-20",
        },
    )
    task = project.tasks.get()
    assert task.assignee == partner and task.milestone == milestone
    # An outsider cannot be the assignee.
    client.post(url(project, "plan/tasks"), {"title": "Bad", "assignee": outsider.pk})
    assert project.tasks.count() == 1
    client.post(f"/en/projects/tasks/{task.pk}/status/", {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done"
    client.post(f"/en/projects/tasks/{task.pk}/status/", {"status": "exploded"})
    task.refresh_from_db()
    assert task.status == "done"
    page = client.get(url(project, "plan")).content.decode()
    assert "Kick-off" in page and "Collect samples" in page


def test_invite_by_email_answers_alike_for_known_unknown_and_taking_part(client, world):
    """The invite form must not tell an inviter which addresses have an account."""
    project, founder, partner, outsider = world
    client.force_login(founder)
    answers = []
    for email in (partner.email, "nobody@example.org", outsider.email):
        response = client.post(
            url(project, "members"), {"email": email, "role": "member"}, follow=True
        )
        assert response.status_code == 200
        answers.append([str(m) for m in response.context["messages"]])
    assert answers[0] == answers[1] == answers[2]
    assert answers[0] == ["If a teacher with this address exists, they have been invited."]
    assert Partnership.objects.get(user=outsider).status == "invited"  # a real account is invited
    assert Partnership.objects.get(user=partner).status != "invited"  # a partner stays a partner
    response = client.post(url(project, "members"), {"email": founder.email, "role": "partner"})
    assert response.status_code == 400 and "cannot invite yourself" in response.content.decode()


def test_member_cannot_invite_through_the_page(client, world):
    project, founder, _partner, outsider = world
    member = f.teacher(school_obj=f.school())
    f.join(project, founder, member, role="member")
    client.force_login(member)
    page = client.get(url(project, "members")).content.decode()
    assert "Invite a teacher" not in page
    response = client.post(
        url(project, "members"), {"email": outsider.email, "role": "member"}, follow=True
    )
    assert "Only the project&#x27;s founder and partners can invite" in response.content.decode()
    assert not Partnership.objects.filter(user=outsider).exists()


def test_lifecycle_buttons_through_http(client, world):
    project, founder, _partner, _outsider = world
    client.force_login(founder)
    client.post(f"/en/projects/{project.pk}/do/complete/", {"final_report": ""})
    project.refresh_from_db()
    assert project.status == "active"
    client.post(f"/en/projects/{project.pk}/do/complete/", {"final_report": "We did it"})
    project.refresh_from_db()
    assert project.status == "completed"
    client.post(f"/en/projects/{project.pk}/do/publish/", {"outcomes": "A map"})
    project.refresh_from_db()
    assert project.published_at is not None
    assert client.get(f"/en/projects/{project.pk}/do/explode/").status_code == 405


def test_showcase_only_published(client, world):
    project, founder, _partner, _outsider = world
    done, done_founder, _ = f.completed_project(title="Published garden")
    services.project_publish(actor=done_founder, project=done)
    services.project_complete(
        actor=founder, project=project, final_report="x"
    )  # completed, not published
    page = client.get("/en/projects/showcase/").content.decode()
    assert "Published garden" in page and "Secret river study" not in page
    assert client.get(f"/en/projects/showcase/{done.pk}/").status_code == 200
    assert client.get(f"/en/projects/showcase/{project.pk}/").status_code == 404


def test_showcase_detail_shows_selected_journal_entries(client):
    project, founder, partner = f.completed_project(title="Bridges")
    services.journal_entry_create(
        actor=partner,
        project=project,
        title="Public entry",
        body="Shown",
        happened_on=datetime.date(2026, 3, 1),
        on_showcase=True,
    )
    services.journal_entry_create(
        actor=partner,
        project=project,
        title="Internal notes",
        body="Hidden",
        happened_on=datetime.date(2026, 3, 2),
    )
    services.project_publish(actor=founder, project=project, outcomes="A model bridge")
    page = client.get(f"/en/projects/showcase/{project.pk}/").content.decode()
    assert "Public entry" in page and "Internal notes" not in page and "A model bridge" in page
    assert "School A" in page and "School B" in page


def test_label_pages(client):
    project, founder, partner = f.completed_project()
    ambassador = f.ambassador(founder.profile.school.region)
    client.force_login(founder)
    response = client.post(f"/en/projects/{project.pk}/label/", {"innovation": "x"})
    assert response.status_code == 400
    response = client.post(f"/en/projects/{project.pk}/label/", f.label_answers())
    assert response.status_code == 302
    application = project.label_application
    client.force_login(ambassador)
    assert "Secret" not in client.get("/en/projects/mine/").content.decode()
    assert project.title in client.get("/en/projects/mine/").content.decode()
    data = {f"score_{c}": 4 for c in f.label_answers()} | {"decision": "grant"}
    response = client.post(f"/en/projects/labels/{application.pk}/", dict(data, score_results=9))
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == "pending"
    response = client.post(f"/en/projects/labels/{application.pk}/", data)
    application.refresh_from_db()
    assert application.status == "granted"
    # An outsider cannot read the application.
    client.force_login(f.teacher(school_obj=f.school()))
    assert client.get(f"/en/projects/labels/{application.pk}/").status_code == 404


def test_competition_pages(client):
    admin = f.staff()
    client.force_login(admin)
    response = client.post(
        "/en/projects/competitions/new/",
        {
            "title": "Most creative",
            "deadline": "2030-01-01T12:00",
            "categories": "Ages 6–10\nAges 11–14",
        },
    )
    assert response.status_code == 302
    response = client.post(
        "/en/projects/competitions/new/",
        {"title": "No categories", "deadline": "2030-01-01T12:00", "categories": " "},
    )
    assert response.status_code == 400
    client.force_login(f.teacher(school_obj=f.school()))
    assert client.get("/en/projects/competitions/new/").status_code == 403
    assert "Most creative" in client.get("/en/projects/competitions/").content.decode()


def test_discussion_tab_shows_the_room_and_posts_without_javascript(client, world):
    project, founder, partner, outsider = world
    client.force_login(partner)
    page = client.get(url(project, "workspace")).content.decode()
    assert f'data-room-id="{project.room_id}"' in page and 'id="compose"' in page
    response = client.post(
        f"/en/rooms/{project.room_id}/post/",
        {"body": "Hello from School B", "client_id": "c-1", "next": url(project, "workspace")},
    )
    assert response.status_code == 302 and response["Location"].startswith(
        url(project, "workspace")
    )
    client.force_login(founder)
    assert "Hello from School B" in client.get(url(project, "workspace")).content.decode()
    # The outsider reaches the room neither through the workspace nor through the room's own pages.
    client.force_login(outsider)
    assert client.get(f"/en/rooms/{project.room_id}/").status_code == 404
    client.post(f"/en/rooms/{project.room_id}/post/", {"body": "intruder", "client_id": "c-2"})
    from community.discussions.models import Message

    assert list(Message.objects.values_list("body", flat=True)) == ["Hello from School B"]


def test_archived_project_room_is_read_only(client, world):
    project, founder, partner, _outsider = world
    services.project_archive(actor=founder, project=project)
    client.force_login(partner)
    page = client.get(url(project, "workspace")).content.decode()
    assert 'id="compose"' not in page
    client.post(f"/en/rooms/{project.room_id}/post/", {"body": "late", "client_id": "c-3"})
    from community.discussions.models import Message

    assert not Message.objects.exists()
